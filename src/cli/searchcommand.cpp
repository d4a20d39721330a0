#include "cli/searchcommand.h"

#include "cli/json.h"
#include "storage/searchstore.h"

#include <QJsonDocument>

namespace folio::cli {

namespace {

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 1000;

std::optional<int> numberFrom(const QString& text, int max)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    return ok && n >= 1 && n <= max ? std::optional<int>(int(n)) : std::nullopt;
}

QString guillemets(QString text)
{
    text.replace(kHighlightStart, QChar(0x00AB));
    text.replace(kHighlightEnd, QChar(0x00BB));
    return text;
}

QJsonObject toJson(const SearchPage& page)
{
    QJsonArray results;
    for (const SearchHit& h : page.results) {
        results.append(QJsonObject{
            {QStringLiteral("id"), h.id},
            {QStringLiteral("title"), h.title},
            {QStringLiteral("title_highlighted"), h.highlightedTitle},
            {QStringLiteral("published"), rfc3339(h.published)},
            {QStringLiteral("tags"), QJsonArray::fromStringList(h.tags)},
            {QStringLiteral("feed"), h.feedTitle},
            {QStringLiteral("snippet"), h.snippet},
            {QStringLiteral("score"), h.score},
            {QStringLiteral("read"), h.read},
            {QStringLiteral("starred"), h.starred},
        });
    }
    return {
        {QStringLiteral("query"), page.query},        {QStringLiteral("page"), page.page},
        {QStringLiteral("page_size"), page.pageSize}, {QStringLiteral("pages"), page.pageCount},
        {QStringLiteral("total"), page.total},        {QStringLiteral("total_capped"), page.totalCapped},
        {QStringLiteral("results"), results},
    };
}

} // namespace

int searchCommand(const CommandLine& line, Database& db, Io io)
{
    SearchSort sort = SearchSort::Rank;
    if (line.has(QStringLiteral("--sort"))) {
        const QString value = line.option(QStringLiteral("--sort"));
        if (value == QLatin1String("date"))
            sort = SearchSort::Newest;
        else if (value != QLatin1String("rank")) {
            io.err << "folio-cli: --sort takes rank or date\n";
            return Usage;
        }
    }
    int page = 1, pageSize = kDefaultPageSize;
    if (line.has(QStringLiteral("--page"))) {
        auto n = numberFrom(line.option(QStringLiteral("--page")), std::numeric_limits<int>::max());
        if (!n) {
            io.err << "folio-cli: --page takes a page number from 1\n";
            return Usage;
        }
        page = *n;
    }
    if (line.has(QStringLiteral("--page-size"))) {
        auto n = numberFrom(line.option(QStringLiteral("--page-size")), kMaxPageSize);
        if (!n) {
            io.err << "folio-cli: --page-size takes a number from 1 to " << kMaxPageSize << '\n';
            return Usage;
        }
        pageSize = *n;
    }

    const QString text = line.positional.join(QLatin1Char(' '));
    auto found = SearchStore(db).search(text, sort, page, pageSize);
    if (!found) {
        io.err << "folio-cli: " << found.error() << '\n';
        return BadInput;
    }
    if (line.json) {
        io.out << QJsonDocument(toJson(found.value())).toJson(QJsonDocument::Indented);
        return Ok;
    }
    io.out << "Page " << found->page << " of " << qMax(1, found->pageCount) << " · " << found->total
           << (found->totalCapped ? "+" : "") << (found->total == 1 ? " result\n" : " results\n");
    for (const SearchHit& h : found->results) {
        io.out << '\n'
               << qSetFieldWidth(6) << h.id << qSetFieldWidth(0) << "  "
               << h.published.toUTC().toString(QStringLiteral("yyyy-MM-dd")) << "  " << guillemets(h.highlightedTitle);
        if (!h.tags.isEmpty())
            io.out << "  [" << h.tags.join(QStringLiteral(", ")) << ']';
        io.out << '\n';
        if (!h.snippet.isEmpty())
            io.out << "        " << guillemets(h.snippet) << '\n';
    }
    return Ok;
}

} // namespace folio::cli
