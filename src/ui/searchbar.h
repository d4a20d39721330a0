#pragma once

#include "domain/search.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTimer;
class QToolButton;

namespace folio {

// The toolbar's search field with its sort order and a button to save the search. Asks for a search while the
// user types, once typing pauses (debounced), or at once on Enter; Esc asks to leave the search.
class SearchBar : public QWidget {
    Q_OBJECT
public:
    explicit SearchBar(QWidget* parent = nullptr);

    QString query() const;
    SearchSort sort() const;
    // Shows `query` in the field without asking for a search (the window already shows it).
    void setQuery(const QString& query);
    void clear() { setQuery({}); }
    // Puts the cursor in the field, its text selected (Ctrl+F, /).
    void focusField();
    QLineEdit* field() const { return m_field; }

    // How long typing must pause before a search runs.
    static constexpr int kDebounceMs = 250;

Q_SIGNALS:
    // Search for `query` now (it may be empty: the user erased it).
    void searchRequested(const QString& query);
    void sortChanged(SearchSort sort);
    void saveRequested(const QString& query);
    // Esc: leave the search and go back to the listing.
    void leaveRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QLineEdit* m_field = nullptr;
    QComboBox* m_sort = nullptr;
    QToolButton* m_save = nullptr;
    QTimer* m_debounce = nullptr;
    bool m_settingQuery = false;
};

} // namespace folio
