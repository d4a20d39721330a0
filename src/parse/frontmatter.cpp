#include "parse/frontmatter.h"

#include "domain/article.h"
#include "parse/dates.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <functional>

namespace folio {

namespace {

// A tag list may be a nested list (Hexo's category paths) or, as Jekyll allows, one string.
constexpr int kMaxTags = 200;

enum class Syntax { None, Yaml, Toml };

struct Split {
    Syntax syntax = Syntax::None;
    QString frontMatter;
    QString body;
};

Result<Split> splitFrontMatter(const QString& text)
{
    Split split;
    QString fence;
    if (text.startsWith(QLatin1String("---"))) {
        split.syntax = Syntax::Yaml;
        fence = QStringLiteral("---");
    } else if (text.startsWith(QLatin1String("+++"))) {
        split.syntax = Syntax::Toml;
        fence = QStringLiteral("+++");
    } else {
        split.body = text;
        return split;
    }
    const qsizetype firstEnd = text.indexOf(QLatin1Char('\n'));
    if (firstEnd < 0 || text.left(firstEnd).trimmed() != fence) {
        // "----" or "--- text" on line 1 is Markdown (a rule), not front matter.
        split.syntax = Syntax::None;
        split.body = text;
        return split;
    }
    qsizetype pos = firstEnd + 1;
    while (pos <= text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), pos);
        if (end < 0)
            end = text.size();
        const QStringView line = QStringView(text).mid(pos, end - pos).trimmed();
        if (line == fence || (split.syntax == Syntax::Yaml && line == QLatin1String("..."))) {
            split.frontMatter = text.mid(firstEnd + 1, pos - firstEnd - 1);
            split.body = end < text.size() ? text.mid(end + 1) : QString();
            return split;
        }
        pos = end + 1;
    }
    return fail(QStringLiteral("front matter opened with \"%1\" on line 1 is never closed").arg(fence));
}

// What front matter says, whatever its syntax.
struct Fields {
    QString title, summary, description, slug, author;
    QString dateText, updatedText;
    QString updatedKey = QStringLiteral("lastmod"); // as the author spelled it, for messages
    std::optional<QDateTime> date, updated;
    QStringList tags, categories;
    bool draft = false;
};

QStringList splitTagString(const QString& value)
{
    // Jekyll: "tags: a b c"; many blogs write "tags: a, b, c" (also with Chinese commas).
    static const QRegularExpression commas(QStringLiteral("[,，、]"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    return value.split(value.contains(commas) ? commas : spaces, Qt::SkipEmptyParts);
}

// ---- YAML ----------------------------------------------------------------------------------------

QString yamlText(const YAML::Node& node)
{
    return QString::fromStdString(node.Scalar());
}

// Only a tag value that is one string is split; an item of a list is one tag ("Deep Learning").
void collectYamlList(const YAML::Node& node, QStringList& out, bool inList = false)
{
    if (out.size() >= kMaxTags)
        return;
    if (node.IsScalar()) {
        if (inList)
            out += yamlText(node);
        else
            out += splitTagString(yamlText(node));
    } else if (node.IsSequence()) {
        for (const auto& item : node)
            collectYamlList(item, out, true);
    }
}

Result<Fields> readYaml(const QString& source, QStringList& warnings)
{
    Fields f;
    YAML::Node root;
    try {
        root = YAML::Load(source.toStdString());
    } catch (const YAML::Exception& e) {
        return fail(QStringLiteral("front matter is not valid YAML (line %1: %2)")
                        .arg(e.mark.line + 2) // +1 for 1-based, +1 for the opening "---"
                        .arg(QString::fromStdString(e.msg)));
    }
    if (root.IsNull())
        return f;
    if (!root.IsMap())
        return fail(QStringLiteral("front matter is not a list of \"key: value\" lines"));

    for (const auto& entry : root) {
        if (!entry.first.IsScalar())
            continue;
        const QString key = yamlText(entry.first).toLower();
        const YAML::Node& value = entry.second;
        const auto scalar = [&](QString& target) {
            if (value.IsScalar())
                target = yamlText(value).trimmed();
            else if (!value.IsNull())
                warnings << QStringLiteral("front matter \"%1\" is not a single value; ignored").arg(key);
        };
        if (key == QLatin1String("title"))
            scalar(f.title);
        else if (key == QLatin1String("summary"))
            scalar(f.summary);
        else if (key == QLatin1String("description"))
            scalar(f.description);
        else if (key == QLatin1String("slug"))
            scalar(f.slug);
        else if (key == QLatin1String("author"))
            value.IsSequence() && value.size() > 0 && value[0].IsScalar() ? void(f.author = yamlText(value[0]))
                                                                          : scalar(f.author);
        else if (key == QLatin1String("date"))
            scalar(f.dateText);
        else if (key == QLatin1String("lastmod") || key == QLatin1String("updated")) {
            scalar(f.updatedText);
            f.updatedKey = key;
        } else if (key == QLatin1String("tags"))
            collectYamlList(value, f.tags);
        else if (key == QLatin1String("categories") || key == QLatin1String("category"))
            collectYamlList(value, f.categories);
        else if (key == QLatin1String("draft") && value.IsScalar()) {
            bool draft = false;
            if (YAML::convert<bool>::decode(value, draft))
                f.draft = draft;
            else
                warnings
                    << QStringLiteral("front matter \"draft: %1\" is not true or false; ignored").arg(yamlText(value));
        }
    }
    return f;
}

// ---- TOML ----------------------------------------------------------------------------------------

QString tomlString(const toml::node& node)
{
    if (auto s = node.as_string())
        return QString::fromStdString(s->get());
    if (auto i = node.as_integer())
        return QString::number(i->get());
    if (auto d = node.as_floating_point())
        return QString::number(d->get());
    return {};
}

std::optional<QDateTime> tomlDate(const toml::node& node)
{
    if (auto dt = node.as_date_time()) {
        const toml::date_time& v = dt->get();
        const QDate date(v.date.year, v.date.month, v.date.day);
        const QTime time(v.time.hour, v.time.minute, v.time.second, int(v.time.nanosecond / 1000000));
        const int offset = v.offset ? v.offset->minutes * 60 : 0;
        return QDateTime(date, time, QTimeZone(offset)).toUTC();
    }
    if (auto d = node.as_date()) {
        const toml::date& v = d->get();
        return QDateTime(QDate(v.year, v.month, v.day), QTime(0, 0), QTimeZone::utc());
    }
    return std::nullopt;
}

void collectTomlList(const toml::node& node, QStringList& out, bool inList = false)
{
    if (out.size() >= kMaxTags)
        return;
    if (auto array = node.as_array()) {
        for (const toml::node& item : *array)
            collectTomlList(item, out, true);
    } else if (node.is_string()) {
        if (inList)
            out += tomlString(node);
        else
            out += splitTagString(tomlString(node));
    }
}

Result<Fields> readToml(const QString& source, QStringList& warnings)
{
    Fields f;
    toml::table table;
    try {
        table = toml::parse(source.toStdString());
    } catch (const toml::parse_error& e) {
        return fail(QStringLiteral("front matter is not valid TOML (line %1: %2)")
                        .arg(e.source().begin.line + 1)
                        .arg(QString::fromStdString(std::string(e.description()))));
    }
    for (const auto& [rawKey, value] : table) {
        const QString key = QString::fromStdString(std::string(rawKey.str())).toLower();
        const auto text = [&](QString& target) {
            target = tomlString(value).trimmed();
            if (target.isEmpty() && !value.is_string())
                warnings << QStringLiteral("front matter \"%1\" is not a single value; ignored").arg(key);
        };
        const auto when = [&](std::optional<QDateTime>& target, QString& asText) {
            if (auto d = tomlDate(value))
                target = d;
            else
                asText = tomlString(value).trimmed();
        };
        if (key == QLatin1String("title"))
            text(f.title);
        else if (key == QLatin1String("summary"))
            text(f.summary);
        else if (key == QLatin1String("description"))
            text(f.description);
        else if (key == QLatin1String("slug"))
            text(f.slug);
        else if (key == QLatin1String("author")) {
            if (auto array = value.as_array(); array && !array->empty())
                f.author = tomlString(*array->get(0)).trimmed();
            else
                text(f.author);
        } else if (key == QLatin1String("date"))
            when(f.date, f.dateText);
        else if (key == QLatin1String("lastmod") || key == QLatin1String("updated")) {
            when(f.updated, f.updatedText);
            f.updatedKey = key;
        } else if (key == QLatin1String("tags"))
            collectTomlList(value, f.tags);
        else if (key == QLatin1String("categories") || key == QLatin1String("category"))
            collectTomlList(value, f.categories);
        else if (key == QLatin1String("draft")) {
            if (auto b = value.as_boolean())
                f.draft = b->get();
            else
                warnings << QStringLiteral("front matter \"draft\" is not true or false; ignored");
        }
    }
    return f;
}

// ---- fallbacks -----------------------------------------------------------------------------------

QString firstHeading(const QString& body)
{
    static const QRegularExpression heading(QStringLiteral(R"(^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$)"));
    static const QRegularExpression fence(QStringLiteral(R"(^ {0,3}(```|~~~))"));
    QString openFence;
    const QStringList lines = body.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const auto f = fence.match(line);
        if (f.hasMatch()) {
            if (openFence.isEmpty())
                openFence = f.captured(1);
            else if (f.captured(1) == openFence)
                openFence.clear();
            continue;
        }
        if (!openFence.isEmpty())
            continue;
        const auto m = heading.match(line);
        if (m.hasMatch() && !m.captured(1).trimmed().isEmpty())
            return m.captured(1).trimmed();
    }
    return {};
}

QString titleFromFileName(const QString& fileName)
{
    static const QRegularExpression datePrefix(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}[-_ ]?)"));
    QString base = QFileInfo(fileName).completeBaseName();
    base.remove(datePrefix);
    base.replace(QLatin1Char('-'), QLatin1Char(' ')).replace(QLatin1Char('_'), QLatin1Char(' '));
    base = base.simplified();
    return base.isEmpty() ? QFileInfo(fileName).completeBaseName() : base;
}

std::optional<QDateTime> readDate(const std::optional<QDateTime>& native, const QString& text, const QString& key,
                                  QStringList& warnings)
{
    if (native)
        return native;
    if (text.isEmpty())
        return std::nullopt;
    if (auto parsed = parseLooseDate(text))
        return parsed;
    warnings << QStringLiteral("front matter \"%1: %2\" is not a date").arg(key, text);
    return std::nullopt;
}

} // namespace

Result<MarkdownPost> parseMarkdownPost(QString text, const QString& fileName)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    auto split = splitFrontMatter(text);
    if (!split)
        return fail(split.error());

    MarkdownPost post;
    Fields fields;
    if (split->syntax != Syntax::None) {
        auto read = split->syntax == Syntax::Yaml ? readYaml(split->frontMatter, post.warnings)
                                                  : readToml(split->frontMatter, post.warnings);
        if (!read)
            return fail(read.error());
        fields = std::move(read.value());
    }

    post.body = std::move(split->body);
    post.title = fields.title;
    if (post.title.isEmpty())
        post.title = firstHeading(post.body);
    if (post.title.isEmpty())
        post.title = titleFromFileName(fileName);

    post.date = readDate(fields.date, fields.dateText, QStringLiteral("date"), post.warnings);
    if (!post.date)
        post.date = dateFromFileName(QFileInfo(fileName).fileName());
    post.updated = readDate(fields.updated, fields.updatedText, fields.updatedKey, post.warnings);

    post.tags = normalizedTags(fields.tags + fields.categories).mid(0, kMaxTags);
    post.summary = fields.summary.isEmpty() ? fields.description : fields.summary;
    post.slug = fields.slug;
    post.author = fields.author;
    post.draft = fields.draft;
    return post;
}

} // namespace folio
