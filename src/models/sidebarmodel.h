#pragma once

#include "domain/listing.h"
#include "domain/result.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QImage>

namespace folio {

class Library;

// The sidebar: Library (All, Unread, Starred), Search (the query being searched, saved searches; only when there
// is one), Feeds and Tags, each entry with its count. Two columns: the
// name and the count. Counts refresh in place; the tree is rebuilt only when feeds or tags come or go.
class SidebarModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class Kind { Section, All, Unread, Starred, Feed, Tag, Search, SavedSearch };
    enum Role { KindRole = Qt::UserRole + 1, CountRole, FeedIdRole, ErrorRole, QueryRole };

    explicit SidebarModel(Library& library, QObject* parent = nullptr);

    Status refresh();

    // The listing an entry stands for; nullopt for section headers.
    std::optional<ListingFilter> filterAt(const QModelIndex& index) const;
    // The entry showing `filter`, if the sidebar has one.
    QModelIndex indexOf(const ListingFilter& filter) const;

    // The query being searched (empty: none), shown as the Search section's first entry with its number of
    // results, unless it is a saved search (then that entry stands for it).
    void setCurrentSearch(const QString& query, qint64 results);
    // The query an entry stands for (the current or a saved search); nullopt for other entries.
    std::optional<QString> searchAt(const QModelIndex& index) const;
    // The entry of the search for `query`.
    QModelIndex indexOfSearch(const QString& query) const;

    // A feed's icon (its decoration) comes from the offline image cache; `web` stands in for a web feed whose
    // icon is not cached, `folder` for an imported folder. The view sets them: how they look is its business.
    void setDefaultFeedIcons(const QImage& web, const QImage& folder);
    // Looks again for the icons that were not cached: one may have arrived since.
    void reloadFeedIcons();

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
        QString error;       // a feed's last failed update, shown as a badge
        QString iconUrl;     // a feed's icon, looked up in the image cache
        bool folder = false; // an imported folder rather than a web feed
        friend bool sameEntry(const Entry& a, const Entry& b)
        {
            // The current search keeps its row while its text changes (typing does not rebuild the tree).
            return a.kind == b.kind && (a.kind == Kind::Search || a.name == b.name) && a.feed == b.feed;
        }
    };
    struct Section {
        QString title;
        QList<Entry> entries;
    };

    Result<QList<Section>> load() const;
    QImage feedIcon(const Entry& entry) const;

    Library& m_library;
    QList<Section> m_sections;
    QString m_currentSearch;
    qint64 m_currentResults = 0;
    mutable QHash<QString, QImage> m_icons; // by URL, decoded once; a null image: not in the cache
    QImage m_defaultWebIcon;
    QImage m_defaultFolderIcon;
};

} // namespace folio
