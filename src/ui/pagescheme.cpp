#include "ui/pagescheme.h"

#include "render/articlepage.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>

namespace folio {

namespace {

constexpr int kKeptDocuments = 4;

const QStringList& imageSuffixes()
{
    static const QStringList suffixes{QStringLiteral("png"),  QStringLiteral("jpg"),  QStringLiteral("jpeg"),
                                      QStringLiteral("gif"),  QStringLiteral("webp"), QStringLiteral("svg"),
                                      QStringLiteral("avif"), QStringLiteral("bmp")};
    return suffixes;
}

QByteArray mimeFor(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("css"))
        return "text/css";
    if (suffix == QLatin1String("js"))
        return "text/javascript";
    if (suffix == QLatin1String("woff2"))
        return "font/woff2";
    if (suffix == QLatin1String("svg"))
        return "image/svg+xml";
    return QMimeDatabase().mimeTypeForFile(path, QMimeDatabase::MatchExtension).name().toLatin1();
}

void replyWith(QWebEngineUrlRequestJob* job, const QByteArray& mime, const QByteArray& data)
{
    auto* buffer = new QBuffer(job);
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    job->reply(mime, buffer);
}

void replyWithFile(QWebEngineUrlRequestJob* job, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    replyWith(job, mimeFor(path), file.readAll());
}

} // namespace

void registerPageScheme()
{
    QWebEngineUrlScheme scheme(kPageScheme);
    scheme.setSyntax(QWebEngineUrlScheme::Syntax::Host);
    scheme.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::LocalScheme |
                    QWebEngineUrlScheme::LocalAccessAllowed);
    QWebEngineUrlScheme::registerScheme(scheme);
}

void PageSchemeHandler::setDocument(const QString& key, const QByteArray& html)
{
    QMutexLocker lock(&m_mutex);
    m_documents.insert(key, html);
    m_documentOrder.removeAll(key);
    m_documentOrder.append(key);
    while (m_documentOrder.size() > kKeptDocuments)
        m_documents.remove(m_documentOrder.takeFirst());
}

void PageSchemeHandler::setLocalRoots(const QStringList& roots)
{
    QMutexLocker lock(&m_mutex);
    m_localRoots = roots;
}

void PageSchemeHandler::setImageSource(ImageSource source)
{
    QMutexLocker lock(&m_mutex);
    m_images = std::move(source);
}

QString PageSchemeHandler::cachedImagePath(const QUrl& url)
{
    return QStringLiteral("/cached/") + QString::fromLatin1(url.toEncoded().toBase64(QByteArray::Base64UrlEncoding |
                                                                                     QByteArray::OmitTrailingEquals));
}

QByteArray PageSchemeHandler::placeholderImage()
{
    // A quiet frame with a picture glyph: the article's layout stays, and nothing is fetched.
    return QByteArrayLiteral(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"90\" viewBox=\"0 0 160 90\">"
        "<rect x=\"0.5\" y=\"0.5\" width=\"159\" height=\"89\" rx=\"6\" fill=\"none\" stroke=\"#9aa0a6\" "
        "stroke-dasharray=\"4 3\"/><path d=\"M58 62 L72 44 L82 55 L90 47 L104 62 Z\" fill=\"#9aa0a6\"/>"
        "<circle cx=\"96\" cy=\"34\" r=\"5\" fill=\"#9aa0a6\"/></svg>");
}

QString PageSchemeHandler::localImagePath(const QString& path)
{
    return QStringLiteral("/local/") +
           QString::fromLatin1(path.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool PageSchemeHandler::isServableLocalFile(const QString& path) const
{
    if (!imageSuffixes().contains(QFileInfo(path).suffix().toLower()))
        return false;
    const QString clean =
        path.startsWith(QLatin1Char(':')) ? QDir::cleanPath(path) : QFileInfo(path).canonicalFilePath();
    if (clean.isEmpty())
        return false;
    for (const QString& root : m_localRoots) {
        const QString base =
            root.startsWith(QLatin1Char(':')) ? QDir::cleanPath(root) : QFileInfo(root).canonicalFilePath();
        if (!base.isEmpty() && clean.startsWith(base + QLatin1Char('/')))
            return true;
    }
    return false;
}

void PageSchemeHandler::requestStarted(QWebEngineUrlRequestJob* job)
{
    const QUrl url = job->requestUrl();
    const QString path = url.path();
    if (url.host() != QLatin1String(kPageHost) || job->requestMethod() != "GET") {
        job->fail(QWebEngineUrlRequestJob::RequestDenied);
        return;
    }
    if (path.startsWith(QLatin1String("/app/")) && !path.contains(QLatin1String(".."))) {
        replyWithFile(job, QStringLiteral(":/web/") + path.mid(5));
        return;
    }
    if (path.startsWith(QLatin1String("/article/"))) {
        QMutexLocker lock(&m_mutex);
        const auto it = m_documents.constFind(path.mid(9));
        if (it == m_documents.constEnd()) {
            job->fail(QWebEngineUrlRequestJob::UrlNotFound);
            return;
        }
        replyWith(job, "text/html;charset=utf-8", *it);
        return;
    }
    if (path.startsWith(QLatin1String("/local/"))) {
        const QString file = QString::fromUtf8(QByteArray::fromBase64(
            path.mid(7).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QMutexLocker lock(&m_mutex);
        if (!isServableLocalFile(file)) {
            job->fail(QWebEngineUrlRequestJob::RequestDenied);
            return;
        }
        lock.unlock();
        replyWithFile(job, file);
        return;
    }
    if (path.startsWith(QLatin1String("/cached/"))) {
        const QString original = QString::fromUtf8(QByteArray::fromBase64(
            path.mid(8).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QMutexLocker lock(&m_mutex);
        const ImageSource source = m_images;
        lock.unlock();
        const std::optional<Image> image = source ? source(original) : std::nullopt;
        if (image)
            replyWith(job, image->mime, image->data);
        else
            replyWith(job, "image/svg+xml", placeholderImage());
        return;
    }
    job->fail(QWebEngineUrlRequestJob::UrlNotFound);
}

} // namespace folio
