#include "models/sidebarmodel.h"

#include "models/library.h"

#include <QFont>

namespace folio {

namespace {

// Internal ids: 0 for a section row, section + 1 for an entry row inside it.
constexpr quintptr kSectionId = 0;

constexpr int kIconSize = 16;

// A cached icon as the sidebar shows it: any image format Qt reads, scaled to the row.
QImage decodeIcon(const QByteArray& data)
{
    const QImage image = QImage::fromData(data);
    if (image.isNull() || image.size() == QSize(kIconSize, kIconSize))
        return image;
    return image.scaled(kIconSize, kIconSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

} // namespace

SidebarModel::SidebarModel(Library& library, QObject* parent)
    : QAbstractItemModel(parent)
    , m_library(library)
{
    connect(&m_library, &Library::stateChanged, this, [this] { (void)refresh(); });
    connect(&m_library, &Library::changed, this, [this] { (void)refresh(); });
    connect(&m_library, &Library::savedSearchesChanged, this, [this] { (void)refresh(); });
}

Result<QList<SidebarModel::Section>> SidebarModel::load() const
{
    auto counts = m_library.articles().counts();
    if (!counts)
        return fail(counts.error());
    auto feeds = m_library.feeds().feeds();
    if (!feeds)
        return fail(feeds.error());
    auto tags = m_library.articles().tagCounts();
    if (!tags)
        return fail(tags.error());

    QList<Section> sections;
    sections.append({tr("Library"),
                     {{Kind::All, tr("All articles"), 0, counts->all, {}, {}},
                      {Kind::Unread, tr("Unread"), 0, counts->unread, {}, {}},
                      {Kind::Starred, tr("Starred"), 0, counts->starred, {}, {}}}});
    Section searchSection{tr("Search"), {}};
    const QStringList saved = m_library.savedSearches();
    const QString current = m_currentSearch.trimmed();
    if (!current.isEmpty() && !saved.contains(current))
        searchSection.entries.append({Kind::Search, current, 0, m_currentResults, {}, {}});
    for (const QString& query : saved)
        searchSection.entries.append({Kind::SavedSearch, query, 0, 0, {}, {}});
    if (!searchSection.entries.isEmpty())
        sections.append(searchSection);
    Section feedSection{tr("Feeds"), {}};
    for (const Feed& f : feeds.value())
        feedSection.entries.append({Kind::Feed, f.title.isEmpty() ? f.url : f.title, f.id, f.unread, f.lastError,
                                    f.iconUrl, f.kind == FeedKind::LocalFolder});
    sections.append(feedSection);
    Section tagSection{tr("Tags"), {}};
    for (const TagCount& t : tags.value())
        tagSection.entries.append({Kind::Tag, t.name, 0, t.count, {}, {}});
    sections.append(tagSection);
    return sections;
}

Status SidebarModel::refresh()
{
    auto loaded = load();
    if (!loaded)
        return fail(loaded.error());
    QList<Section>& fresh = loaded.value();
    bool sameShape = fresh.size() == m_sections.size();
    for (int s = 0; sameShape && s < fresh.size(); ++s) {
        sameShape = fresh[s].entries.size() == m_sections[s].entries.size();
        for (int e = 0; sameShape && e < fresh[s].entries.size(); ++e)
            sameShape = sameEntry(fresh[s].entries[e], m_sections[s].entries[e]);
    }
    if (!sameShape) {
        beginResetModel();
        m_sections = std::move(fresh);
        endResetModel();
        return {};
    }
    // Only counts moved: tell the views about those cells alone.
    for (int s = 0; s < fresh.size(); ++s) {
        for (int e = 0; e < fresh[s].entries.size(); ++e) {
            Entry& old = m_sections[s].entries[e];
            if (old.count == fresh[s].entries[e].count && old.error == fresh[s].entries[e].error &&
                old.name == fresh[s].entries[e].name && old.iconUrl == fresh[s].entries[e].iconUrl)
                continue;
            old = fresh[s].entries[e];
            const QModelIndex parentIndex = index(s, 0);
            Q_EMIT dataChanged(index(e, 0, parentIndex), index(e, 1, parentIndex));
        }
    }
    return {};
}

std::optional<ListingFilter> SidebarModel::filterAt(const QModelIndex& idx) const
{
    if (!idx.isValid() || idx.internalId() == kSectionId)
        return std::nullopt;
    const Entry& e = m_sections.at(int(idx.internalId() - 1)).entries.at(idx.row());
    switch (e.kind) {
    case Kind::All:
        return ListingFilter::all();
    case Kind::Unread:
        return ListingFilter::unread();
    case Kind::Starred:
        return ListingFilter::starred();
    case Kind::Feed:
        return ListingFilter::byFeed(e.feed);
    case Kind::Tag:
        return ListingFilter::byTag(e.name);
    case Kind::Search:
    case Kind::SavedSearch:
    case Kind::Section:
        break;
    }
    return std::nullopt;
}

void SidebarModel::setCurrentSearch(const QString& query, qint64 results)
{
    if (m_currentSearch == query && m_currentResults == results)
        return;
    m_currentSearch = query;
    m_currentResults = results;
    (void)refresh();
}

void SidebarModel::setDefaultFeedIcons(const QImage& web, const QImage& folder)
{
    m_defaultWebIcon = web;
    m_defaultFolderIcon = folder;
    reloadFeedIcons();
}

void SidebarModel::reloadFeedIcons()
{
    for (auto it = m_icons.begin(); it != m_icons.end();)
        it = it->isNull() ? m_icons.erase(it) : std::next(it);
    for (int s = 0; s < m_sections.size(); ++s) {
        const QList<Entry>& entries = m_sections.at(s).entries;
        for (int e = 0; e < entries.size(); ++e) {
            if (entries.at(e).kind == Kind::Feed)
                Q_EMIT dataChanged(index(e, 0, index(s, 0)), index(e, 0, index(s, 0)), {Qt::DecorationRole});
        }
    }
}

QImage SidebarModel::feedIcon(const Entry& entry) const
{
    const QImage& standIn = entry.folder ? m_defaultFolderIcon : m_defaultWebIcon;
    if (entry.iconUrl.isEmpty())
        return standIn;
    auto it = m_icons.constFind(entry.iconUrl);
    if (it == m_icons.constEnd()) {
        const auto cached = m_library.cachedImage(entry.iconUrl);
        it = m_icons.insert(entry.iconUrl, cached ? decodeIcon(cached->data) : QImage());
    }
    return it->isNull() ? standIn : *it;
}

std::optional<QString> SidebarModel::searchAt(const QModelIndex& idx) const
{
    if (!idx.isValid() || idx.internalId() == kSectionId)
        return std::nullopt;
    const Entry& e = m_sections.at(int(idx.internalId() - 1)).entries.at(idx.row());
    if (e.kind != Kind::Search && e.kind != Kind::SavedSearch)
        return std::nullopt;
    return e.name;
}

QModelIndex SidebarModel::indexOfSearch(const QString& query) const
{
    const QString wanted = query.trimmed();
    for (int s = 0; s < m_sections.size(); ++s) {
        for (int e = 0; e < m_sections[s].entries.size(); ++e) {
            const Entry& entry = m_sections[s].entries[e];
            if ((entry.kind == Kind::Search || entry.kind == Kind::SavedSearch) && entry.name == wanted)
                return index(e, 0, index(s, 0));
        }
    }
    return {};
}

QModelIndex SidebarModel::indexOf(const ListingFilter& filter) const
{
    for (int s = 0; s < m_sections.size(); ++s) {
        for (int e = 0; e < m_sections[s].entries.size(); ++e) {
            const QModelIndex idx = index(e, 0, index(s, 0));
            if (filterAt(idx) == filter)
                return idx;
            if (filter.tag && m_sections[s].entries[e].kind == Kind::Tag &&
                tagKey(m_sections[s].entries[e].name) == tagKey(*filter.tag))
                return idx;
        }
    }
    return {};
}

QModelIndex SidebarModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column > 1 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_sections.size() ? createIndex(row, column, kSectionId) : QModelIndex();
    if (parent.internalId() != kSectionId || parent.row() >= m_sections.size())
        return {};
    return row < m_sections.at(parent.row()).entries.size() ? createIndex(row, column, quintptr(parent.row() + 1))
                                                            : QModelIndex();
}

QModelIndex SidebarModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kSectionId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kSectionId);
}

int SidebarModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_sections.size());
    if (parent.internalId() != kSectionId || parent.column() != 0)
        return 0;
    return int(m_sections.at(parent.row()).entries.size());
}

int SidebarModel::columnCount(const QModelIndex&) const
{
    return 2;
}

QVariant SidebarModel::data(const QModelIndex& idx, int role) const
{
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid))
        return {};
    if (idx.internalId() == kSectionId) {
        if (role == KindRole)
            return int(Kind::Section);
        if (role == Qt::FontRole) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return role == Qt::DisplayRole && idx.column() == 0 ? m_sections.at(idx.row()).title : QVariant();
    }
    const Entry& e = m_sections.at(int(idx.internalId() - 1)).entries.at(idx.row());
    switch (role) {
    case Qt::DisplayRole:
        if (idx.column() == 0)
            return e.name;
        if (!e.error.isEmpty())
            return e.count > 0 ? QStringLiteral("\u26A0 %1").arg(e.count) : QStringLiteral("\u26A0");
        return e.count > 0 ? QVariant(e.count) : QVariant();
    case Qt::DecorationRole:
        if (e.kind == Kind::Feed && idx.column() == 0) {
            const QImage icon = feedIcon(e);
            return icon.isNull() ? QVariant() : QVariant(icon);
        }
        return {};
    case Qt::ToolTipRole:
        return e.error.isEmpty() ? QVariant() : tr("The last update failed: %1").arg(e.error);
    case FeedIdRole:
        return e.kind == Kind::Feed ? QVariant(e.feed) : QVariant();
    case ErrorRole:
        return e.error;
    case QueryRole:
        return e.kind == Kind::Search || e.kind == Kind::SavedSearch ? QVariant(e.name) : QVariant();
    case Qt::TextAlignmentRole:
        return idx.column() == 1 ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case KindRole:
        return int(e.kind);
    case CountRole:
        return e.count;
    default:
        return {};
    }
}

Qt::ItemFlags SidebarModel::flags(const QModelIndex& idx) const
{
    if (!idx.isValid())
        return Qt::NoItemFlags;
    return idx.internalId() == kSectionId ? Qt::ItemIsEnabled : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace folio
