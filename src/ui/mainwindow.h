#pragma once

#include <QMainWindow>

class QLabel;
class QListView;

namespace folio {

class ListingModel;

// The reader's window. For now: the "latest updates" listing with a page bar.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(ListingModel& listing, QWidget* parent = nullptr);

private:
    void updatePageLabel(int page, int pageCount);

    ListingModel& m_listing;
    QListView* m_list = nullptr;
    QLabel* m_pageLabel = nullptr;
};

} // namespace folio
