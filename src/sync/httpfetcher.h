#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace folio {

struct HttpRequest {
    QUrl url;
    QString etag; // validators of the last fetch: the server may answer 304 Not Modified
    QString lastModified;
    QByteArray accept = "*/*";
    qint64 maxBytes = 32 * 1024 * 1024; // a larger body is refused (a clear error, nothing kept)
    int timeoutMs = 30'000;             // without any data arriving
};

struct HttpResponse {
    QUrl finalUrl;               // after redirects
    std::optional<QUrl> movedTo; // every redirect on the way was permanent (301/308): the new address
    int status = 0;              // HTTP status; 0 when no answer came
    bool notModified = false;    // 304: the validators still hold
    QByteArray body;
    QByteArray contentType; // without parameters, lower case
    QByteArray charset;     // from Content-Type, when given
    QString etag;
    QString lastModified;
    std::optional<QDateTime> retryAfter; // when the server asked to be left alone until then (429/503)
    QString error;                       // for a person; empty when the fetch succeeded (2xx or 304)

    bool ok() const { return error.isEmpty(); }
};

// GET over HTTP(S) with the manners a feed reader owes a server: conditional requests, at most
// kMaxPerHost requests to one host at a time, Retry-After honoured for every later request to that host,
// redirects followed by hand (at most kMaxRedirects, loops detected), gzip/deflate, a size cap and a
// timeout, and a User-Agent that says who is asking. Lives on the thread that created it.
class HttpFetcher : public QObject {
    Q_OBJECT
public:
    explicit HttpFetcher(QObject* parent = nullptr);
    ~HttpFetcher() override;

    using Callback = std::function<void(const HttpResponse&)>;
    // Queues the request; `done` is called once, on this object's thread.
    void get(const HttpRequest& request, Callback done);

    static QByteArray userAgent();
    static constexpr int kMaxPerHost = 2;
    static constexpr int kMaxRedirects = 5;

private:
    struct Job {
        HttpRequest request;
        Callback done;
        QUrl current;
        QSet<QUrl> visited;
        int redirects = 0;
        bool allPermanent = true;
        QString hostKey;
    };
    void enqueue(Job job);
    void startNext(const QString& hostKey);
    void start(Job job);
    void finish(const QString& hostKey);
    void handle(QNetworkReply* reply, Job job, QByteArray body, bool tooLarge);

    QNetworkAccessManager* m_network;
    QHash<QString, QQueue<Job>> m_queued;
    QHash<QString, int> m_active;
    QHash<QString, QDateTime> m_notBefore; // per host, from Retry-After
};

// "120" (seconds) or an HTTP date; nullopt when neither.
std::optional<QDateTime> parseRetryAfter(const QByteArray& value, const QDateTime& now);

} // namespace folio
