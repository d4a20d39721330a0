#pragma once

#include <QHash>
#include <QMutex>
#include <QStringList>
#include <QWebEngineUrlSchemeHandler>

#include <functional>
#include <optional>

namespace folio {

// Registers the folio: scheme with QtWebEngine. Must run before the QApplication is created.
void registerPageScheme();

// Serves the reader's one origin, folio://reader: /app/… (KaTeX, fonts, styles, compiled in), /article/<key>
// (rendered pages, handed over by the view), /local/<key> (images of imported Markdown folders, only from
// the folders given) and /cached/<key> (web images from the offline cache, or a placeholder when not cached).
// Anything else is refused, so a page can never load a file it was not given, nor anything from the network.
class PageSchemeHandler : public QWebEngineUrlSchemeHandler {
    Q_OBJECT
public:
    using QWebEngineUrlSchemeHandler::QWebEngineUrlSchemeHandler;

    // Keeps `html` for the page at path /article/<key>; only the most recent few pages are kept.
    void setDocument(const QString& key, const QByteArray& html);
    void setLocalRoots(const QStringList& roots);
    // Where cached web images come from: (mime type, bytes) for a URL, or nothing. Called on the thread
    // the web engine asks from.
    struct Image {
        QByteArray mime;
        QByteArray data;
    };
    using ImageSource = std::function<std::optional<Image>(const QString& url)>;
    void setImageSource(ImageSource source);

    void requestStarted(QWebEngineUrlRequestJob* job) override;

    // The path under /local/ that serves the image at `path` (an absolute file path or a ":/" resource).
    static QString localImagePath(const QString& path);
    // The path under /cached/ that serves the cached copy of the web image at `url`.
    static QString cachedImagePath(const QUrl& url);
    // What a page shows for a web image that is not cached (yet).
    static QByteArray placeholderImage();

private:
    bool isServableLocalFile(const QString& path) const;

    QMutex m_mutex; // documents and roots are set on the GUI thread and read on WebEngine's IO thread
    QHash<QString, QByteArray> m_documents;
    QStringList m_documentOrder;
    QStringList m_localRoots;
    ImageSource m_images;
};

} // namespace folio
