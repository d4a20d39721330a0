#pragma once

#include <QWidget>

class QHBoxLayout;

namespace folio {

// A blog's page bar: ‹ 1 2 3 … 9 ›, the current page marked, neighbours and both ends always reachable.
class PageBar : public QWidget {
    Q_OBJECT
public:
    explicit PageBar(QWidget* parent = nullptr);

    void setPages(int current, int count);
    int current() const { return m_current; }
    int count() const { return m_count; }

    // The page numbers shown, 0 standing for an ellipsis: 1 … 4 5 [6] 7 8 … 20.
    static QList<int> visiblePages(int current, int count);

Q_SIGNALS:
    void pageRequested(int page);

private:
    void rebuild();

    QHBoxLayout* m_layout = nullptr;
    int m_current = 1;
    int m_count = 0;
};

} // namespace folio
