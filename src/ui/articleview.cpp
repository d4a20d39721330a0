#include "ui/articleview.h"

#include "render/articlepage.h"
#include "render/searchhighlight.h"
#include "ui/pagescheme.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineSettings>
#include <QtConcurrent>

namespace folio {

Q_LOGGING_CATEGORY(lcPage, "folio.page", QtWarningMsg)

namespace {

QString resourceText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void addScript(QWebEngineProfile* profile, const QString& name, const QString& resource)
{
    QWebEngineScript script;
    script.setName(name);
    script.setSourceCode(resourceText(resource));
    script.setWorldId(QWebEngineScript::ApplicationWorld);
    script.setInjectionPoint(QWebEngineScript::DocumentReady);
    script.setRunsOnSubFrames(false);
    profile->scripts()->insert(script);
}

// The local folder an article's images may come from: its imported folder, or the bundled samples.
QString localRoot(const Article& article)
{
    const QUrl feed(article.feedUrl);
    if (feed.scheme() == QLatin1String("qrc"))
        return QLatin1Char(':') + feed.path();
    if (feed.isLocalFile())
        return feed.toLocalFile();
    return {};
}

// Decides what each image of an article becomes in the page. Runs on the render thread: no shared state.
QString mapImage(const QUrl& url)
{
    if (url.scheme() == QLatin1String("data"))
        return url.toString();
    if (url.scheme() == QLatin1String("qrc"))
        return pageUrl(PageSchemeHandler::localImagePath(QLatin1Char(':') + url.path())).toString();
    if (url.isLocalFile())
        return pageUrl(PageSchemeHandler::localImagePath(url.toLocalFile())).toString();
    if (url.scheme() == QLatin1String(kPageScheme) && url.host() == QLatin1String(kPageHost))
        return url.toString(QUrl::FullyEncoded); // already ours: sanitizing twice stays stable
    // Web images come from the offline cache (a placeholder until cached); reading never waits on the network.
    if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        return pageUrl(PageSchemeHandler::cachedImagePath(url)).toString(QUrl::FullyEncoded);
    return {};
}

class ArticlePage : public QWebEnginePage {
public:
    ArticlePage(QWebEngineProfile* profile, ArticleView* view)
        : QWebEnginePage(profile, view)
        , m_view(view)
    {
    }

protected:
    bool acceptNavigationRequest(const QUrl& url, NavigationType type, bool isMainFrame) override
    {
        if (!isMainFrame)
            return false;
        if (const auto tag = tagFromUrl(url)) {
            Q_EMIT m_view->tagActivated(*tag);
            return false;
        }
        const bool ours =
            url.scheme() == QLatin1String(kPageScheme) && url.path().startsWith(QLatin1String("/article/"));
        if (ours && type != NavigationTypeLinkClicked)
            return true;
        // Jumps inside the page (footnotes) stay; everything else opens outside.
        if (ours && url.adjusted(QUrl::RemoveFragment) == this->url().adjusted(QUrl::RemoveFragment))
            return true;
        if (type == NavigationTypeLinkClicked &&
            (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https") ||
             url.scheme() == QLatin1String("mailto")))
            Q_EMIT m_view->externalLinkRequested(url);
        return false;
    }

    QWebEnginePage* createWindow(WebWindowType) override { return nullptr; }

    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString& message, int line,
                                  const QString& source) override
    {
        // CSP refusals and script errors of our page script; never shown to the reader.
        if (level == ErrorMessageLevel)
            qCWarning(lcPage) << source << line << message;
        else
            qCDebug(lcPage) << source << line << message;
    }

private:
    ArticleView* m_view;
};

} // namespace

void NetworkGuard::interceptRequest(QWebEngineUrlRequestInfo& info)
{
    const QString scheme = info.requestUrl().scheme();
    if (scheme == QLatin1String(kPageScheme) || scheme == QLatin1String("data") || scheme == QLatin1String("blob"))
        return;
    m_blocked.fetchAndAddRelaxed(1);
    info.block(true);
}

ArticleView::ArticleView(QWidget* parent)
    : QWebEngineView(parent)
{
    m_profile = new QWebEngineProfile(this); // off the record: nothing of a page is written to disk
    m_profile->setHttpCacheType(QWebEngineProfile::NoCache);
    m_profile->setPersistentCookiesPolicy(QWebEngineProfile::NoPersistentCookies);
    m_scheme = new PageSchemeHandler(this);
    m_profile->installUrlSchemeHandler(kPageScheme, m_scheme);
    m_guard = new NetworkGuard(this);
    m_profile->setUrlRequestInterceptor(m_guard);
    addScript(m_profile, QStringLiteral("katex"), QStringLiteral(":/web/katex/katex.min.js"));
    addScript(m_profile, QStringLiteral("highlight"), QStringLiteral(":/web/highlight/highlight.min.js"));
    addScript(m_profile, QStringLiteral("folio-render"), QStringLiteral(":/web/folio-render.js"));

    auto* page = new ArticlePage(m_profile, this);
    QWebEngineSettings* s = page->settings();
    s->setAttribute(QWebEngineSettings::JavascriptEnabled, false); // the page's own scripts never run
    s->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
    s->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    s->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, false);
    s->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    s->setAttribute(QWebEngineSettings::ErrorPageEnabled, false);
    s->setUnknownUrlSchemePolicy(QWebEngineSettings::DisallowUnknownUrlSchemes);
    setPage(page);
    // The page script typesets in slices it schedules itself and reports in the title: no round trips.
    connect(page, &QWebEnginePage::titleChanged, this, &ArticleView::onTitleChanged);
    // Later articles are swapped into a page that finished loading, as long as it is the one the view loaded
    // (a jump to a footnote keeps it; anything else loads a fresh document).
    connect(page, &QWebEnginePage::loadStarted, this, [this] { m_pageReady = false; });
    connect(page, &QWebEnginePage::loadFinished, this,
            [this](bool ok) { m_pageReady = ok && this->page()->url().adjusted(QUrl::RemoveFragment) == m_loadedUrl; });
    // Opened from search results: the first word found comes into view once the layout has settled.
    connect(this, &ArticleView::typeset, this, [this] {
        if (!m_highlightTerms.isEmpty())
            this->page()->runJavaScript(QStringLiteral("var hit = document.querySelector('mark.search-hit');"
                                                       "if (hit) hit.scrollIntoView({block: 'center'});"),
                                        QWebEngineScript::ApplicationWorld);
    });
    setContextMenuPolicy(Qt::NoContextMenu);
}

ArticleView::~ArticleView()
{
    // The page must go before its profile.
    delete page();
}

int ArticleView::blockedRequests() const
{
    return m_guard->blocked();
}

void ArticleView::setImageSource(PageSchemeHandler::ImageSource source)
{
    m_scheme->setImageSource(std::move(source));
}

void ArticleView::showArticle(const Article& article)
{
    m_article = article;
    render();
}

void ArticleView::setDark(bool dark)
{
    if (m_dark == dark)
        return;
    m_dark = dark;
    render();
}

void ArticleView::showPlaceholder(const QString& message)
{
    Article blank;
    blank.content = QStringLiteral("<p class=\"placeholder\">") + message.toHtmlEscaped() + QStringLiteral("</p>");
    blank.contentFormat = ContentFormat::Html;
    m_article = blank;
    render();
}

namespace {

// `text` as a JavaScript string literal: a JSON string is one (JavaScript accepts U+2028 in strings since ES2019).
QString jsString(const QString& text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2)); // without the array's brackets
}

// What the render thread hands back: the script that swaps the article into the open page, or, when no page
// was open, the whole document.
struct PreparedArticle {
    QString inner;
    QString showScript;
    QByteArray document;
};

} // namespace

void ArticleView::render()
{
    const quint64 generation = ++m_generation;
    const QString root = localRoot(m_article);
    m_scheme->setLocalRoots(root.isEmpty() ? QStringList() : QStringList{root});

    SanitizeOptions options;
    options.baseUrl = QUrl(m_article.url);
    options.mapImage = mapImage;
    PageOptions page;
    page.dark = m_dark;
    page.generation = generation;

    auto* watcher = new QFutureWatcher<PreparedArticle>(this);
    connect(watcher, &QFutureWatcher<PreparedArticle>::finished, this, [this, watcher, page] {
        watcher->deleteLater();
        if (page.generation != m_generation)
            return; // the user moved on
        PreparedArticle prepared = watcher->result();
        if (!prepared.showScript.isEmpty() && m_pageReady) {
            this->page()->runJavaScript(
                prepared.showScript, QWebEngineScript::ApplicationWorld, [this, prepared, page](const QVariant& shown) {
                    // No folioShow() to answer (never seen; a blank view would be worse): load it whole.
                    if (!shown.toBool() && page.generation == m_generation)
                        loadDocument(articleDocumentHtml(m_article.title, prepared.inner, page).toUtf8(),
                                     page.generation);
                });
            return;
        }
        if (prepared.document.isEmpty())
            prepared.document = articleDocumentHtml(m_article.title, prepared.inner, page).toUtf8();
        loadDocument(prepared.document, page.generation);
    });
    watcher->setFuture(
        QtConcurrent::run([article = m_article, options, page, terms = m_highlightTerms, swap = m_pageReady] {
            PreparedArticle prepared;
            prepared.inner = articleInnerHtml(article, highlightSearchTerms(articleBodyHtml(article, options), terms));
            if (swap)
                prepared.showScript = QStringLiteral("folioShow(%1, %2, %3) === true")
                                          .arg(jsString(prepared.inner), QString::number(page.generation),
                                               page.dark ? QStringLiteral("true") : QStringLiteral("false"));
            else
                prepared.document = articleDocumentHtml(article.title, prepared.inner, page).toUtf8();
            return prepared;
        }));
}

void ArticleView::loadDocument(const QByteArray& html, quint64 generation)
{
    const QString key = QStringLiteral("%1-%2").arg(m_article.id).arg(generation);
    m_scheme->setDocument(key, html);
    m_pageReady = false;
    m_loadedUrl = pageUrl(QStringLiteral("/article/") + key);
    load(m_loadedUrl);
}

void ArticleView::onTitleChanged(const QString& title)
{
    const QString prefix = QStringLiteral("folio-done:");
    if (!title.startsWith(prefix))
        return;
    const QStringList parts = title.mid(prefix.size()).split(QLatin1Char(':'));
    // Reports of an article the user has already left are dropped.
    if (parts.size() == 3 && parts.at(0).toULongLong() == m_generation)
        Q_EMIT typeset(parts.at(1).toInt(), parts.at(2).toInt());
}

} // namespace folio
