#pragma once

#include <QHash>
#include <QMutex>
#include <QStringList>
#include <QWebEngineUrlSchemeHandler>

namespace folio {

// Registers the folio: scheme with QtWebEngine. Must run before the QApplication is created.
void registerPageScheme();

// Serves the reader's one origin, folio://reader: /app/… (KaTeX, fonts, styles, compiled in), /article/<key>
// (rendered pages, handed over by the view) and /local/<key> (images of imported Markdown folders, only from
// the folders given). Anything else is refused, so a page can never load a file it was not given.
class PageSchemeHandler : public QWebEngineUrlSchemeHandler {
    Q_OBJECT
public:
    using QWebEngineUrlSchemeHandler::QWebEngineUrlSchemeHandler;

    // Keeps `html` for the page at path /article/<key>; only the most recent few pages are kept.
    void setDocument(const QString& key, const QByteArray& html);
    void setLocalRoots(const QStringList& roots);

    void requestStarted(QWebEngineUrlRequestJob* job) override;

    // The path under /local/ that serves the image at `path` (an absolute file path or a ":/" resource).
    static QString localImagePath(const QString& path);

private:
    bool isServableLocalFile(const QString& path) const;

    QMutex m_mutex; // documents and roots are set on the GUI thread and read on WebEngine's IO thread
    QHash<QString, QByteArray> m_documents;
    QStringList m_documentOrder;
    QStringList m_localRoots;
};

} // namespace folio
