#pragma once

#include "domain/search.h"
#include "models/pagedarticlemodel.h"

#include <QFutureWatcher>

#include <optional>

namespace folio {

class Library;

// One page of search results. Queries run off the GUI thread (Library::search opens a connection there), one at
// a time: a request made while another runs waits, and only the newest waiting request runs — typing fast never
// queues stale searches, and results of an outdated request are never shown. Never queries from data().
class SearchModel : public PagedArticleModel {
    Q_OBJECT
public:
    explicit SearchModel(Library& library, QObject* parent = nullptr);
    ~SearchModel() override;

    // Searches for `query` and shows page 1. An empty (or blank) query shows no rows at once.
    void setQuery(const QString& query, SearchSort sort, int pageSize);
    Status showPage(int page) override;
    // Runs the current query again on the current page (the library changed).
    void reload();

    const QString& query() const { return m_query; }
    SearchSort sort() const { return m_sort; }
    int pageSize() const { return m_pageSize; }
    // A request has not been answered yet.
    bool busy() const { return m_running || m_waiting.has_value(); }

    ArticleId articleIdAt(int row) const override;
    int rowOf(ArticleId id) const override;
    int page() const override { return m_result.page; }
    int pageCount() const override { return m_result.pageCount; }
    qint64 total() const override { return m_result.total; }
    // More than kMaxSearchResults matched: total() is that cap ("5,000+").
    bool totalCapped() const { return m_result.totalCapped; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The newest request could not be answered (the library could not be read): the rows stay as they were.
    void failed(const QString& message);

private:
    struct Request {
        QString query;
        SearchSort sort = SearchSort::Rank;
        int page = 1;
        int pageSize = 20;
    };

    void request(const Request& r);
    void start(const Request& r);
    void finished();
    void updateState(ArticleId id, bool read, bool starred);

    Library& m_library;
    QString m_query;
    SearchSort m_sort = SearchSort::Rank;
    int m_pageSize = 20;
    SearchPage m_result;
    QFutureWatcher<Result<SearchPage>> m_watcher;
    bool m_running = false;
    quint64 m_generation = 0;        // requests made
    quint64 m_runningGeneration = 0; // the request running (or last run)
    std::optional<Request> m_waiting;
};

} // namespace folio
