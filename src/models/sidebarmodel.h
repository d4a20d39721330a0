#pragma once

#include "domain/listing.h"
#include "domain/result.h"

#include <QAbstractItemModel>

namespace folio {

class Library;

// The sidebar: Library (All, Unread, Starred), Feeds and Tags, each entry with its count. Two columns: the
// name and the count. Counts refresh in place; the tree is rebuilt only when feeds or tags come or go.
class SidebarModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class Kind { Section, All, Unread, Starred, Feed, Tag };
    enum Role { KindRole = Qt::UserRole + 1, CountRole, FeedIdRole, ErrorRole };

    explicit SidebarModel(Library& library, QObject* parent = nullptr);

    Status refresh();

    // The listing an entry stands for; nullopt for section headers.
    std::optional<ListingFilter> filterAt(const QModelIndex& index) const;
    // The entry showing `filter`, if the sidebar has one.
    QModelIndex indexOf(const ListingFilter& filter) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Entry {
        Kind kind = Kind::All;
        QString name;
        FeedId feed = 0;
        qint64 count = 0;
        QString error; // a feed's last failed update, shown as a badge
        friend bool sameEntry(const Entry& a, const Entry& b)
        {
            return a.kind == b.kind && a.name == b.name && a.feed == b.feed;
        }
    };
    struct Section {
        QString title;
        QList<Entry> entries;
    };

    Result<QList<Section>> load() const;

    Library& m_library;
    QList<Section> m_sections;
};

} // namespace folio
