#pragma once

#include "domain/article.h"
#include "ui/pagescheme.h"

#include <QAtomicInteger>
#include <QWebEngineUrlRequestInterceptor>
#include <QWebEngineView>

class QWebEngineProfile;

namespace folio {

// Blocks every request that does not stay inside the reader (folio:, data:, blob:), and counts them: an
// article page never reaches the network.
class NetworkGuard : public QWebEngineUrlRequestInterceptor {
    Q_OBJECT
public:
    using QWebEngineUrlRequestInterceptor::QWebEngineUrlRequestInterceptor;
    void interceptRequest(QWebEngineUrlRequestInfo& info) override;
    int blocked() const { return m_blocked.loadRelaxed(); }

private:
    QAtomicInteger<int> m_blocked;
};

// Shows one article, rendered off the GUI thread and typeset by KaTeX in an isolated world. The page's own
// JavaScript is off; links go out through externalLinkRequested, tag links through tagActivated.
class ArticleView : public QWebEngineView {
    Q_OBJECT
public:
    explicit ArticleView(QWidget* parent = nullptr);
    ~ArticleView() override;

    void showArticle(const Article& article);
    // Words a search found, marked in the next article shown (render/searchhighlight.h); empty: none.
    void setHighlightTerms(const QStringList& terms) { m_highlightTerms = terms; }
    // Where the page's web images come from (the offline cache); without one they show a placeholder.
    void setImageSource(PageSchemeHandler::ImageSource source);
    // A page with only `message`, in the current theme (nothing selected yet).
    void showPlaceholder(const QString& message);
    void setDark(bool dark);
    bool isDark() const { return m_dark; }
    ArticleId articleId() const { return m_article.id; }

    // Requests the page tried to make outside the reader's origin (always refused).
    int blockedRequests() const;

Q_SIGNALS:
    // KaTeX has typeset every formula and the fonts are loaded.
    void typeset(int formulas, int errors);
    void tagActivated(const QString& tag);
    void externalLinkRequested(const QUrl& url);

private:
    void render();
    void loadDocument(const QByteArray& html, quint64 generation);
    void onTitleChanged(const QString& title);

    QWebEngineProfile* m_profile = nullptr;
    PageSchemeHandler* m_scheme = nullptr;
    NetworkGuard* m_guard = nullptr;
    Article m_article;
    QStringList m_highlightTerms;
    bool m_dark = false;
    quint64 m_generation = 0; // the newest request wins; older renders are dropped
    QUrl m_loadedUrl;         // the document the view loaded last
    bool m_pageReady = false; // it finished loading: the next article is swapped in
};

} // namespace folio
