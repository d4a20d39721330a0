#include "parse/frontmatter.h"

#include <QTest>
#include <QTimeZone>

using namespace folio;

namespace {

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc());
}

QString lines(const QStringList& parts)
{
    return parts.join(QLatin1Char('\n'));
}

MarkdownPost parsedOrFail(const QString& text, const QString& fileName, bool* ok)
{
    auto post = parseMarkdownPost(text, fileName);
    *ok = post.ok();
    if (!post.ok()) {
        qWarning("parse failed: %s", qPrintable(post.error()));
        return {};
    }
    return post.value();
}

} // namespace

// Parses or fails the current test with the parser's message.
#define PARSE(var, text, fileName)                                                                                     \
    bool var##Ok = false;                                                                                              \
    const MarkdownPost var = parsedOrFail((text), (fileName), &var##Ok);                                               \
    QVERIFY(var##Ok)

class TestFrontMatter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void yamlFullExample()
    {
        const QString text =
            lines({QStringLiteral("---"), QStringLiteral("title: \"Attention: 笔记\""),
                   QStringLiteral("date: 2026-03-14 09:30:00 +0800"), QStringLiteral("lastmod: 2026-03-20T10:00:00Z"),
                   QStringLiteral("tags: [Transformer, NLP]"), QStringLiteral("categories: [论文]"),
                   QStringLiteral("summary: A short summary."), QStringLiteral("draft: false"),
                   QStringLiteral("slug: attention-notes"), QStringLiteral("author: Ada"),
                   QStringLiteral("unknown_key: ignored"), QStringLiteral("---"), QStringLiteral("# Heading"),
                   QString(), QStringLiteral("Body text."), QString()});
        PARSE(post, text, QStringLiteral("2020-01-01-other.md"));
        QCOMPARE(post.title, QStringLiteral("Attention: 笔记"));
        QVERIFY(post.date.has_value());
        QCOMPARE(*post.date, utc(2026, 3, 14, 1, 30)); // front matter beats the file name
        QCOMPARE(post.date->offsetFromUtc(), 0);
        QVERIFY(post.updated.has_value());
        QCOMPARE(*post.updated, utc(2026, 3, 20, 10, 0));
        QCOMPARE(post.tags,
                 (QStringList{QStringLiteral("Transformer"), QStringLiteral("NLP"), QStringLiteral("论文")}));
        QCOMPARE(post.summary, QStringLiteral("A short summary."));
        QCOMPARE(post.draft, false);
        QCOMPARE(post.slug, QStringLiteral("attention-notes"));
        QCOMPARE(post.author, QStringLiteral("Ada"));
        QCOMPARE(post.body, QStringLiteral("# Heading\n\nBody text.\n"));
        QVERIFY2(post.warnings.isEmpty(), qPrintable(post.warnings.join(QLatin1Char('|'))));
    }

    void tomlFullExample()
    {
        const QString text =
            lines({QStringLiteral("+++"), QStringLiteral("title = \"TOML post\""),
                   QStringLiteral("date = 2026-03-14T09:30:00+08:00"), QStringLiteral("lastmod = 2026-03-20"),
                   QStringLiteral("tags = [\"Go\", \"Hugo\"]"), QStringLiteral("categories = [\"Web\", \"go\"]"),
                   QStringLiteral("description = \"A description.\""), QStringLiteral("draft = true"),
                   QStringLiteral("slug = \"toml-post\""), QStringLiteral("author = [\"Ada\", \"Bob\"]"),
                   QStringLiteral("[params]"), QStringLiteral("x = 1"), QStringLiteral("+++"), QStringLiteral("Body")});
        PARSE(post, text, QStringLiteral("post.md"));
        QCOMPARE(post.title, QStringLiteral("TOML post"));
        QVERIFY(post.date.has_value());
        QCOMPARE(*post.date, utc(2026, 3, 14, 1, 30));
        QCOMPARE(post.date->offsetFromUtc(), 0);
        QVERIFY(post.updated.has_value());
        QCOMPARE(*post.updated, utc(2026, 3, 20)); // a TOML local date is midnight UTC
        QCOMPARE(post.tags, (QStringList{QStringLiteral("Go"), QStringLiteral("Hugo"), QStringLiteral("Web")}));
        QCOMPARE(post.summary, QStringLiteral("A description."));
        QCOMPARE(post.draft, true);
        QCOMPARE(post.slug, QStringLiteral("toml-post"));
        QCOMPARE(post.author, QStringLiteral("Ada"));
        QCOMPARE(post.body, QStringLiteral("Body"));
        QVERIFY2(post.warnings.isEmpty(), qPrintable(post.warnings.join(QLatin1Char('|'))));
    }

    void title_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("title");

        QTest::newRow("front matter title") << QStringLiteral("---\ntitle: Given\n---\n# Heading\n")
                                            << QStringLiteral("a.md") << QStringLiteral("Given");
        QTest::newRow("key case ignored")
            << QStringLiteral("---\nTitle: Upper Key\n---\n") << QStringLiteral("a.md") << QStringLiteral("Upper Key");
        QTest::newRow("empty title falls back") << QStringLiteral("---\ntitle: ''\n---\n# From Heading\n")
                                                << QStringLiteral("a.md") << QStringLiteral("From Heading");
        QTest::newRow("list title falls back")
            << QStringLiteral("---\ntitle: [a, b]\n---\n# H\n") << QStringLiteral("a.md") << QStringLiteral("H");
        QTest::newRow("first heading") << QStringLiteral("Intro line.\n\n# My Title\n\n# Second\n")
                                       << QStringLiteral("x.md") << QStringLiteral("My Title");
        QTest::newRow("heading closing hashes")
            << QStringLiteral("# Closed Title ##\n") << QStringLiteral("x.md") << QStringLiteral("Closed Title");
        QTest::newRow("heading indented 3")
            << QStringLiteral("   #   Spaced  \n") << QStringLiteral("x.md") << QStringLiteral("Spaced");
        QTest::newRow("level-2 heading is not a title")
            << QStringLiteral("## Sub\n\ntext\n") << QStringLiteral("some-post.md") << QStringLiteral("some post");
        QTest::newRow("hash without space is not a heading")
            << QStringLiteral("#hashtag\n") << QStringLiteral("tagged.md") << QStringLiteral("tagged");
        QTest::newRow("heading in backtick fence skipped")
            << QStringLiteral("```bash\n# not a title\n```\n\n# Real Title\n") << QStringLiteral("x.md")
            << QStringLiteral("Real Title");
        QTest::newRow("heading in tilde fence skipped")
            << QStringLiteral("~~~\n# comment\n```\n# still code\n~~~\n# After\n") << QStringLiteral("x.md")
            << QStringLiteral("After");
        QTest::newRow("only fenced heading uses file name")
            << QStringLiteral("```\n# code\n```\n") << QStringLiteral("code-notes.md") << QStringLiteral("code notes");
        QTest::newRow("jekyll file name") << QStringLiteral("No heading here.\n")
                                          << QStringLiteral("2026-03-14-my-post.md") << QStringLiteral("my post");
        QTest::newRow("underscores and dashes")
            << QString() << QStringLiteral("hello_world--again.md") << QStringLiteral("hello world again");
        QTest::newRow("date-only file name")
            << QString() << QStringLiteral("2026-03-14.md") << QStringLiteral("2026-03-14");
        QTest::newRow("chinese file name")
            << QString() << QStringLiteral("2025-01-02-位置编码.md") << QStringLiteral("位置编码");
        QTest::newRow("heading under yaml") << QStringLiteral("---\nauthor: A\n---\n\n# Under YAML\n")
                                            << QStringLiteral("x.md") << QStringLiteral("Under YAML");
    }

    void title()
    {
        QFETCH(QString, text);
        QFETCH(QString, fileName);
        QFETCH(QString, title);
        PARSE(post, text, fileName);
        QCOMPARE(post.title, title);
    }

    void date_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QDateTime>("date"); // invalid: none
        QTest::addColumn<bool>("warns");

        const QDateTime none;
        QTest::newRow("yaml date only") << QStringLiteral("---\ndate: 2026-03-14\n---\n") << QStringLiteral("a.md")
                                        << utc(2026, 3, 14) << false;
        QTest::newRow("yaml quoted iso") << QStringLiteral("---\ndate: \"2026-03-14T09:30:00Z\"\n---\n")
                                         << QStringLiteral("a.md") << utc(2026, 3, 14, 9, 30) << false;
        QTest::newRow("toml local datetime") << QStringLiteral("+++\ndate = 2026-03-14T09:30:00\n+++\n")
                                             << QStringLiteral("a.md") << utc(2026, 3, 14, 9, 30) << false;
        QTest::newRow("toml negative offset") << QStringLiteral("+++\ndate = 2026-03-14T09:30:00-05:00\n+++\n")
                                              << QStringLiteral("a.md") << utc(2026, 3, 14, 14, 30) << false;
        QTest::newRow("toml string date") << QStringLiteral("+++\ndate = \"2026/03/14 09:30\"\n+++\n")
                                          << QStringLiteral("a.md") << utc(2026, 3, 14, 9, 30) << false;
        QTest::newRow("file name fallback")
            << QStringLiteral("# T\n") << QStringLiteral("2026-03-14-my-post.md") << utc(2026, 3, 14) << false;
        QTest::newRow("file name fallback under yaml")
            << QStringLiteral("---\ntitle: T\n---\n") << QStringLiteral("2026-03-14-t.md") << utc(2026, 3, 14) << false;
        QTest::newRow("no date anywhere") << QStringLiteral("text\n") << QStringLiteral("post.md") << none << false;
        QTest::newRow("empty yaml date") << QStringLiteral("---\ndate:\n---\n") << QStringLiteral("a.md") << none
                                         << false;
        QTest::newRow("unparsable yaml date")
            << QStringLiteral("---\ndate: next tuesday\n---\n") << QStringLiteral("a.md") << none << true;
        QTest::newRow("impossible yaml date")
            << QStringLiteral("---\ndate: 2026-02-30\n---\n") << QStringLiteral("a.md") << none << true;
        QTest::newRow("unparsable toml date")
            << QStringLiteral("+++\ndate = \"soon\"\n+++\n") << QStringLiteral("a.md") << none << true;
        QTest::newRow("unparsable date, file name date used")
            << QStringLiteral("---\ndate: someday\n---\n") << QStringLiteral("2026-03-14-x.md") << utc(2026, 3, 14)
            << true;
    }

    void date()
    {
        QFETCH(QString, text);
        QFETCH(QString, fileName);
        QFETCH(QDateTime, date);
        QFETCH(bool, warns);
        PARSE(post, text, fileName);
        QCOMPARE(post.date.has_value(), date.isValid());
        if (date.isValid()) {
            QCOMPARE(*post.date, date);
            QCOMPARE(post.date->offsetFromUtc(), 0);
        }
        QCOMPARE(post.warnings.size(), warns ? 1 : 0);
        if (warns)
            QVERIFY2(post.warnings.first().contains(QStringLiteral("date")), qPrintable(post.warnings.first()));
    }

    void tags_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tags");

        const auto list = [](std::initializer_list<const char16_t*> items) {
            QStringList out;
            for (const char16_t* item : items)
                out << QString::fromUtf16(item);
            return out;
        };
        QTest::newRow("yaml block list") << QStringLiteral("---\ntags:\n  - Transformer\n  - NLP\n---\n")
                                         << list({u"Transformer", u"NLP"});
        QTest::newRow("yaml flow list") << QStringLiteral("---\ntags: [a, b]\n---\n") << list({u"a", u"b"});
        QTest::newRow("yaml list items keep spaces")
            << QStringLiteral("---\ntags: [Deep Learning, Machine Translation]\n---\n")
            << list({u"Deep Learning", u"Machine Translation"});
        QTest::newRow("comma string") << QStringLiteral("---\ntags: a, b ,c\n---\n") << list({u"a", u"b", u"c"});
        QTest::newRow("comma string keeps spaces")
            << QStringLiteral("---\ntags: Deep Learning, NLP\n---\n") << list({u"Deep Learning", u"NLP"});
        QTest::newRow("space string (jekyll)")
            << QStringLiteral("---\ntags: a b  c\n---\n") << list({u"a", u"b", u"c"});
        QTest::newRow("chinese comma") << QStringLiteral("---\ntags: 机器学习，深度学习\n---\n")
                                       << list({u"机器学习", u"深度学习"});
        QTest::newRow("ideographic enumeration comma")
            << QStringLiteral("---\ntags: 注意力、位置编码\n---\n") << list({u"注意力", u"位置编码"});
        QTest::newRow("hexo nested categories after tags")
            << QStringLiteral("---\ncategories:\n  - [Diary, Life]\n  - Tech\ntags: [Life]\n---\n")
            << list({u"Life", u"Diary", u"Tech"});
        QTest::newRow("singular category") << QStringLiteral("---\ncategory: Notes\n---\n") << list({u"Notes"});
        QTest::newRow("case duplicates collapse")
            << QStringLiteral("---\ntags: [NLP, nlp, Nlp, BERT]\n---\n") << list({u"NLP", u"BERT"});
        QTest::newRow("category duplicates a tag")
            << QStringLiteral("---\ntags: [NLP]\ncategories: [nlp, ML]\n---\n") << list({u"NLP", u"ML"});
        QTest::newRow("empty tags") << QStringLiteral("---\ntags:\n---\n") << QStringList();
        QTest::newRow("blank items dropped") << QStringLiteral("---\ntags: ['', ' ', x]\n---\n") << list({u"x"});
        QTest::newRow("toml arrays") << QStringLiteral(
                                            "+++\ntags = [\"a\", \"b\"]\ncategories = [[\"c\", \"A\"]]\n+++\n")
                                     << list({u"a", u"b", u"c"});
        QTest::newRow("toml items keep spaces")
            << QStringLiteral("+++\ntags = [\"Deep Learning\"]\n+++\n") << list({u"Deep Learning"});
        QTest::newRow("toml comma string") << QStringLiteral("+++\ntags = \"x, y\"\n+++\n") << list({u"x", u"y"});
        QTest::newRow("no front matter") << QStringLiteral("tags: a, b\n") << QStringList();
    }

    void tags()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tags);
        PARSE(post, text, QStringLiteral("post.md"));
        QCOMPARE(post.tags, tags);
    }

    void tagsAreCapped()
    {
        QStringList items;
        for (int i = 0; i < 300; ++i)
            items << QStringLiteral("t%1").arg(i);
        const QString text = QStringLiteral("---\ntags: [%1]\n---\n").arg(items.join(QStringLiteral(", ")));
        PARSE(post, text, QStringLiteral("post.md"));
        QCOMPARE(post.tags.size(), 200);
        QCOMPARE(post.tags.first(), QStringLiteral("t0"));
        QCOMPARE(post.tags.last(), QStringLiteral("t199"));
    }

    void otherFields_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("draft");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QDateTime>("updated");
        QTest::addColumn<int>("warnings");

        const QDateTime none;
        QTest::newRow("draft true") << QStringLiteral("---\ndraft: true\n---\n") << true << QString() << none << 0;
        QTest::newRow("draft yes") << QStringLiteral("---\ndraft: yes\n---\n") << true << QString() << none << 0;
        QTest::newRow("draft false") << QStringLiteral("---\ndraft: false\n---\n") << false << QString() << none << 0;
        QTest::newRow("draft garbage warns")
            << QStringLiteral("---\ndraft: maybe\n---\n") << false << QString() << none << 1;
        QTest::newRow("toml draft string warns")
            << QStringLiteral("+++\ndraft = \"true\"\n+++\n") << false << QString() << none << 1;
        QTest::newRow("lastmod") << QStringLiteral("---\nlastmod: 2026-03-20\n---\n") << false << QString()
                                 << utc(2026, 3, 20) << 0;
        QTest::newRow("updated") << QStringLiteral("---\nupdated: 2026-03-21 08:00:00 +0800\n---\n") << false
                                 << QString() << utc(2026, 3, 21, 0, 0) << 0;
        QTest::newRow("toml updated datetime") << QStringLiteral("+++\nupdated = 2026-03-21T08:00:00Z\n+++\n") << false
                                               << QString() << utc(2026, 3, 21, 8, 0) << 0;
        QTest::newRow("bad updated warns")
            << QStringLiteral("---\nupdated: later\n---\n") << false << QString() << none << 1;
        QTest::newRow("description when no summary") << QStringLiteral("---\ndescription: Described.\n---\n") << false
                                                     << QStringLiteral("Described.") << none << 0;
        QTest::newRow("summary wins over description")
            << QStringLiteral("---\ndescription: D\nsummary: S\n---\n") << false << QStringLiteral("S") << none << 0;
        QTest::newRow("summary trimmed") << QStringLiteral("---\nsummary: \"  padded  \"\n---\n") << false
                                         << QStringLiteral("padded") << none << 0;
        QTest::newRow("summary as map warns")
            << QStringLiteral("---\nsummary:\n  a: b\n---\n") << false << QString() << none << 1;
    }

    void otherFields()
    {
        QFETCH(QString, text);
        QFETCH(bool, draft);
        QFETCH(QString, summary);
        QFETCH(QDateTime, updated);
        QFETCH(int, warnings);
        PARSE(post, text, QStringLiteral("post.md"));
        QCOMPARE(post.draft, draft);
        QCOMPARE(post.summary, summary);
        QCOMPARE(post.updated.has_value(), updated.isValid());
        if (updated.isValid())
            QCOMPARE(*post.updated, updated);
        QCOMPARE(post.warnings.size(), warnings);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("parts");

        QTest::newRow("broken yaml") << QStringLiteral("---\ntitle: ok\ntags: [a, b\nslug: x\n---\nBody\n")
                                     << QStringList{QStringLiteral("YAML"), QStringLiteral("line")};
        QTest::newRow("yaml bad indentation line 4")
            << QStringLiteral("---\ntitle: ok\nslug: fine\n  author: bad\n---\n")
            << QStringList{QStringLiteral("YAML"), QStringLiteral("line 4")};
        QTest::newRow("broken toml line 3") << QStringLiteral("+++\ntitle = \"x\"\ndate = \n+++\n")
                                            << QStringList{QStringLiteral("TOML"), QStringLiteral("line 3")};
        QTest::newRow("toml yaml syntax")
            << QStringLiteral("+++\ntitle: x\n+++\n") << QStringList{QStringLiteral("TOML"), QStringLiteral("line 2")};
        QTest::newRow("unclosed yaml") << QStringLiteral("---\ntitle: x\n\nBody with no closing fence\n")
                                       << QStringList{QStringLiteral("---"), QStringLiteral("never closed")};
        QTest::newRow("unclosed toml") << QStringLiteral("+++\ntitle = \"x\"\n")
                                       << QStringList{QStringLiteral("+++"), QStringLiteral("never closed")};
        QTest::newRow("yaml closed by toml fence")
            << QStringLiteral("---\ntitle: x\n+++\n") << QStringList{QStringLiteral("never closed")};
        QTest::newRow("yaml list") << QStringLiteral("---\n- a\n- b\n---\n")
                                   << QStringList{QStringLiteral("key: value")};
        QTest::newRow("yaml scalar") << QStringLiteral("---\njust words\n---\n")
                                     << QStringList{QStringLiteral("key: value")};
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, parts);
        const auto post = parseMarkdownPost(text, QStringLiteral("post.md"));
        QVERIFY2(!post.ok(), qPrintable(post.ok() ? post->title : QString()));
        for (const QString& part : parts)
            QVERIFY2(post.error().contains(part, Qt::CaseInsensitive), qPrintable(post.error()));
    }

    void body_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("title");

        QTest::newRow("exactly after closing line") << QStringLiteral("---\ntitle: t\n---\n\nLine1\n---\nLine2\n")
                                                    << QStringLiteral("\nLine1\n---\nLine2\n") << QStringLiteral("t");
        QTest::newRow("closing at end of file")
            << QStringLiteral("---\ntitle: t\n---") << QString() << QStringLiteral("t");
        QTest::newRow("closing fence with trailing space")
            << QStringLiteral("---\ntitle: t\n---  \nB") << QStringLiteral("B") << QStringLiteral("t");
        QTest::newRow("yaml document end marker")
            << QStringLiteral("---\ntitle: t\n...\nB") << QStringLiteral("B") << QStringLiteral("t");
        QTest::newRow("empty front matter")
            << QStringLiteral("---\n---\nBody\n") << QStringLiteral("Body\n") << QStringLiteral("post");
        QTest::newRow("empty toml front matter")
            << QStringLiteral("+++\n+++\nBody") << QStringLiteral("Body") << QStringLiteral("post");
        QTest::newRow("crlf") << QStringLiteral("---\r\ntitle: Windows\r\ntags: [a]\r\n---\r\nLine 1\r\nLine 2\r\n")
                              << QStringLiteral("Line 1\nLine 2\n") << QStringLiteral("Windows");
        QTest::newRow("crlf toml") << QStringLiteral("+++\r\ntitle = \"Win\"\r\n+++\r\nB\r\n") << QStringLiteral("B\n")
                                   << QStringLiteral("Win");
        QTest::newRow("four dashes is a rule")
            << QStringLiteral("----\ntitle: no\n----\n# Real\n") << QStringLiteral("----\ntitle: no\n----\n# Real\n")
            << QStringLiteral("Real");
        QTest::newRow("dashes with text is not front matter")
            << QStringLiteral("--- intro\ntext\n---\n") << QStringLiteral("--- intro\ntext\n---\n")
            << QStringLiteral("post");
        QTest::newRow("fence only, no newline")
            << QStringLiteral("---") << QStringLiteral("---") << QStringLiteral("post");
        QTest::newRow("front matter not on line 1")
            << QStringLiteral("\n---\ntitle: no\n---\n") << QStringLiteral("\n---\ntitle: no\n---\n")
            << QStringLiteral("post");
        QTest::newRow("no front matter") << QStringLiteral("Just text.") << QStringLiteral("Just text.")
                                         << QStringLiteral("post");
        QTest::newRow("empty file") << QString() << QString() << QStringLiteral("post");
    }

    void body()
    {
        QFETCH(QString, text);
        QFETCH(QString, body);
        QFETCH(QString, title);
        PARSE(post, text, QStringLiteral("post.md"));
        QCOMPARE(post.body, body);
        QCOMPARE(post.title, title);
    }
};

QTEST_GUILESS_MAIN(TestFrontMatter)
#include "tst_frontmatter.moc"
