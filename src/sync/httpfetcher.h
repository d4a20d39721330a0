#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QTemporaryFile;

namespace folio {

class Digest;

struct HttpRequest {
    QUrl url;
    QString etag; // validators of the last fetch: the server may answer 304 Not Modified
    QString lastModified;
    QByteArray accept = "*/*";
    qint64 maxBytes = 32 * 1024 * 1024; // a larger body is refused (a clear error, nothing kept)
    int timeoutMs = 30'000;             // without any data arriving
    int deadlineMs = 10 * 60'000;       // for the whole transfer, however steadily it trickles in
    // A body larger than this is written to a temporary file as it arrives (HttpResponse::spooled) instead of being
    // held in memory, and its SHA-256 is computed on the way (HttpResponse::sha256); negative: always in memory.
    qint64 spoolAbove = -1;
};

// A response body kept in a temporary file (a big feed): the file is removed with the last copy of the response.
// Open it for reading with a QFile on path(), on any thread.
class SpooledBody {
public:
    SpooledBody(QString path, qint64 size);
    ~SpooledBody();
    SpooledBody(const SpooledBody&) = delete;
    SpooledBody& operator=(const SpooledBody&) = delete;

    const QString& path() const { return m_path; }
    qint64 size() const { return m_size; }

private:
    QString m_path;
    qint64 m_size;
};

struct HttpResponse {
    QUrl finalUrl;                        // after redirects
    std::optional<QUrl> movedTo;          // every redirect on the way was permanent (301/308): the new address
    int status = 0;                       // HTTP status; 0 when no answer came
    bool notModified = false;             // 304: the validators still hold
    QByteArray body;                      // empty when the body was spooled
    std::shared_ptr<SpooledBody> spooled; // the body, when it was larger than the request's spoolAbove
    QByteArray sha256;                    // of the body, when the request could spool it
    QByteArray contentType;               // without parameters, lower case
    QByteArray charset;                   // from Content-Type, when given
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
    // A body as it arrives: in memory, or past the request's spoolAbove in a temporary file.
    struct Progress {
        Progress();
        ~Progress();
        Progress(Progress&&) noexcept;
        Progress& operator=(Progress&&) noexcept;
        QByteArray body;
        std::unique_ptr<QTemporaryFile> file;
        std::unique_ptr<Digest> hash;
        qint64 spoolAbove = -1;
        qint64 size = 0;
        bool tooLarge = false;
        bool overDeadline = false;
        QString failure; // the temporary file could not be written
        // Adds arrived bytes; false when they could not be kept (`failure` says why).
        bool take(const QByteArray& data);
        // Over the size cap: nothing is kept.
        void refuse();
    };
    void handle(QNetworkReply* reply, Job job, Progress progress);

    QNetworkAccessManager* m_network;
    QHash<QString, QQueue<Job>> m_queued;
    QHash<QString, int> m_active;
    QHash<QString, QDateTime> m_notBefore; // per host, from Retry-After
};

// "120" (seconds) or an HTTP date; nullopt when neither.
std::optional<QDateTime> parseRetryAfter(const QByteArray& value, const QDateTime& now);

} // namespace folio
