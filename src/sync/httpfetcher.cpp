#include "sync/httpfetcher.h"

#include "storage/digest.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryFile>
#include <QTimeZone>
#include <QTimer>

#include <memory>
#include <utility>

namespace folio {

namespace {

QString hostKeyOf(const QUrl& url)
{
    return url.host().toLower() + QLatin1Char(':') +
           QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', bytes % (1024 * 1024) ? 1 : 0);
}

QString describeNetworkError(QNetworkReply* reply, int timeoutMs)
{
    switch (reply->error()) {
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return QStringLiteral("no data from the server for %1 s").arg(timeoutMs / 1000.0);
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("the server refused the connection");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host %1 not found").arg(reply->url().host());
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("the server closed the connection before the whole response arrived");
    default:
        return reply->errorString();
    }
}

// Bytes a reply may buffer before its data is read: it is read as it arrives, so this only bounds a burst.
constexpr qint64 kReplyBuffer = 1024 * 1024;

} // namespace

SpooledBody::SpooledBody(QString path, qint64 size)
    : m_path(std::move(path))
    , m_size(size)
{
}

SpooledBody::~SpooledBody()
{
    QFile::remove(m_path);
}

std::optional<QDateTime> parseRetryAfter(const QByteArray& value, const QDateTime& now)
{
    const QByteArray trimmed = value.trimmed();
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber && seconds >= 0)
        return now.addSecs(std::min<qint64>(seconds, 7 * 24 * 3600));
    QDateTime when =
        QLocale::c().toDateTime(QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    return when;
}

HttpFetcher::HttpFetcher(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    // Redirects are followed by hand: each hop is counted, loops are caught, and only a chain of permanent
    // ones moves a feed.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpFetcher::~HttpFetcher() = default;

HttpFetcher::Progress::Progress() = default;
HttpFetcher::Progress::~Progress() = default;
HttpFetcher::Progress::Progress(Progress&&) noexcept = default;
HttpFetcher::Progress& HttpFetcher::Progress::operator=(Progress&&) noexcept = default;

QByteArray HttpFetcher::userAgent()
{
    const QByteArray version = QCoreApplication::applicationVersion().toLatin1();
    return "Folio/" + (version.isEmpty() ? QByteArray("1.0") : version) +
           " (desktop feed reader; +https://folio.invalid/about)";
}

void HttpFetcher::get(const HttpRequest& request, Callback done)
{
    Job job;
    job.request = request;
    job.done = std::move(done);
    job.current = request.url;
    job.hostKey = hostKeyOf(request.url);
    enqueue(std::move(job));
}

void HttpFetcher::enqueue(Job job)
{
    const QString key = job.hostKey;
    m_queued[key].enqueue(std::move(job));
    startNext(key);
}

void HttpFetcher::startNext(const QString& hostKey)
{
    auto queue = m_queued.find(hostKey);
    while (queue != m_queued.end() && !queue->isEmpty() && m_active.value(hostKey) < kMaxPerHost) {
        Job job = queue->dequeue();
        const auto notBefore = m_notBefore.constFind(hostKey);
        if (notBefore != m_notBefore.constEnd() && *notBefore > QDateTime::currentDateTimeUtc()) {
            HttpResponse response;
            response.finalUrl = job.current;
            response.retryAfter = *notBefore;
            response.error = QStringLiteral("the server asked to wait until %1").arg(notBefore->toString(Qt::ISODate));
            job.done(response);
            queue = m_queued.find(hostKey); // the callback may have queued more
            continue;
        }
        ++m_active[hostKey];
        start(std::move(job));
        queue = m_queued.find(hostKey);
    }
    if (queue != m_queued.end() && queue->isEmpty())
        m_queued.erase(queue);
}

void HttpFetcher::start(Job job)
{
    const QUrl url = job.current;
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        HttpResponse response;
        response.finalUrl = url;
        response.error = QStringLiteral("not a web address: %1").arg(url.toDisplayString());
        const QString key = job.hostKey;
        job.done(response);
        finish(key);
        return;
    }
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", userAgent());
    request.setRawHeader("Accept", job.request.accept);
    if (!job.request.etag.isEmpty())
        request.setRawHeader("If-None-Match", job.request.etag.toLatin1());
    if (!job.request.lastModified.isEmpty())
        request.setRawHeader("If-Modified-Since", job.request.lastModified.toLatin1());
    request.setTransferTimeout(job.request.timeoutMs);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);

    QNetworkReply* reply = m_network->get(request);
    auto progress = std::make_shared<Progress>();
    progress->spoolAbove = job.request.spoolAbove;
    if (progress->spoolAbove >= 0) {
        progress->hash = std::make_unique<Digest>(Digest::Algorithm::Sha256);
        reply->setReadBufferSize(kReplyBuffer);
    }
    // A server that sends a byte now and then never trips the no-data timeout; the whole transfer has a limit too.
    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply, progress] {
        progress->overDeadline = true;
        reply->abort();
    });
    deadline->start(job.request.deadlineMs);
    const qint64 cap = job.request.maxBytes;
    const auto overCap = [reply, progress, cap](qint64 size) {
        if (size <= cap || progress->tooLarge)
            return;
        progress->refuse();
        reply->abort();
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, overCap, progress, cap] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        const bool redirect = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100 == 3;
        if (!length.isValid() || redirect)
            return;
        overCap(length.toLongLong());
        // A body of known size is read into one buffer of that size, not one that doubles as it grows. (Compressed
        // bodies decode larger; the buffer grows from there.) One that will be spooled is not reserved for.
        const bool willSpool = progress->spoolAbove >= 0 && length.toLongLong() > progress->spoolAbove;
        if (!progress->tooLarge && !willSpool && reply->rawHeader("Content-Encoding").isEmpty())
            progress->body.reserve(qMin(length.toLongLong(), cap));
    });
    connect(reply, &QNetworkReply::readyRead, this, [reply, progress, overCap] {
        if (progress->tooLarge || !progress->failure.isEmpty())
            return;
        const QByteArray data = reply->readAll(); // decompressed bytes: the cap holds for gzip bombs too
        overCap(progress->size + data.size());
        if (!progress->tooLarge && !progress->take(data))
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, job = std::move(job), progress, cap]() mutable {
        reply->deleteLater();
        if (!progress->tooLarge && progress->failure.isEmpty() && reply->isOpen()) {
            const QByteArray rest = reply->readAll();
            if (progress->size + rest.size() > cap)
                progress->refuse();
            else
                progress->take(rest);
        }
        handle(reply, std::move(job), std::move(*progress));
    });
}

void HttpFetcher::Progress::refuse()
{
    tooLarge = true;
    body.clear();
    file.reset();
}

bool HttpFetcher::Progress::take(const QByteArray& data)
{
    size += data.size();
    if (hash)
        hash->addData(data);
    if (!file && spoolAbove >= 0 && body.size() + data.size() > spoolAbove) {
        // Too big to hold: the body so far and the rest go to a temporary file.
        file = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/folio-download"));
        if (!file->open() || file->write(body) != body.size()) {
            failure = file->errorString();
            file.reset();
            return false;
        }
        body = QByteArray();
    }
    if (!file) {
        body += data;
        return true;
    }
    if (file->write(data) != data.size()) {
        failure = file->errorString();
        file.reset();
        return false;
    }
    return true;
}

void HttpFetcher::handle(QNetworkReply* reply, Job job, Progress progress)
{
    const QString key = job.hostKey;
    HttpResponse response;
    response.finalUrl = job.current;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    const auto done = [&] {
        job.done(response);
        finish(key);
    };

    if (progress.overDeadline) {
        response.error =
            QStringLiteral("the transfer took longer than %1 s; given up").arg(job.request.deadlineMs / 1000.0);
        return done();
    }
    if (progress.tooLarge) {
        response.error =
            QStringLiteral("the response is larger than %1 MB; not kept").arg(megabytes(job.request.maxBytes));
        return done();
    }
    if (!progress.failure.isEmpty()) {
        response.error = QStringLiteral("could not keep the download in a temporary file: %1").arg(progress.failure);
        return done();
    }
    const int status = response.status;
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        const QUrl location =
            job.current.resolved(QUrl::fromEncoded(reply->rawHeader("Location").trimmed(), QUrl::TolerantMode));
        if (!location.isValid() || location.isEmpty()) {
            response.error = QStringLiteral("HTTP %1 redirect without a Location").arg(status);
            return done();
        }
        job.visited.insert(job.current);
        if (job.visited.contains(location)) {
            response.error = QStringLiteral("redirect loop at %1").arg(location.toDisplayString());
            return done();
        }
        if (++job.redirects > kMaxRedirects) {
            response.error = QStringLiteral("more than %1 redirects").arg(kMaxRedirects);
            return done();
        }
        job.allPermanent = job.allPermanent && (status == 301 || status == 308);
        job.current = location;
        // The slot of the original host is kept for the whole chain.
        return start(std::move(job));
    }

    const QByteArray contentType = reply->rawHeader("Content-Type");
    const qsizetype semicolon = contentType.indexOf(';');
    response.contentType = contentType.left(semicolon < 0 ? contentType.size() : semicolon).trimmed().toLower();
    for (const QByteArray& parameter : contentType.split(';')) {
        const QByteArray p = parameter.trimmed();
        if (p.toLower().startsWith("charset="))
            response.charset = p.mid(8).replace('"', "").trimmed();
    }
    response.etag = QString::fromLatin1(reply->rawHeader("ETag"));
    response.lastModified = QString::fromLatin1(reply->rawHeader("Last-Modified"));
    if (job.redirects > 0 && job.allPermanent)
        response.movedTo = job.current;

    if (status == 429 || status == 503) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        response.retryAfter = parseRetryAfter(reply->rawHeader("Retry-After"), now);
        if (response.retryAfter)
            m_notBefore.insert(key, *response.retryAfter);
    }
    if (status == 304) {
        response.notModified = true;
        // Servers may leave validators out of a 304: the ones sent still hold.
        if (response.etag.isEmpty())
            response.etag = job.request.etag;
        if (response.lastModified.isEmpty())
            response.lastModified = job.request.lastModified;
        return done();
    }
    if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError) {
        if (progress.file) {
            // Kept past the temporary file's life: the response's SpooledBody removes it.
            progress.file->setAutoRemove(false);
            progress.file->close();
            response.spooled = std::make_shared<SpooledBody>(progress.file->fileName(), progress.size);
        }
        response.body = std::move(progress.body);
        if (progress.hash)
            response.sha256 = progress.hash->result();
        return done();
    }
    if (status >= 400 || (status > 0 && status < 200) || (status >= 300 && status < 400)) {
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        response.error =
            QStringLiteral("HTTP %1%2").arg(status).arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason);
        if (response.retryAfter)
            response.error += QStringLiteral("; retry after %1").arg(response.retryAfter->toString(Qt::ISODate));
        return done();
    }
    response.error = describeNetworkError(reply, job.request.timeoutMs);
    return done();
}

void HttpFetcher::finish(const QString& hostKey)
{
    if (--m_active[hostKey] <= 0)
        m_active.remove(hostKey);
    startNext(hostKey);
}

} // namespace folio
