#include "storage/searchquery.h"

#include "domain/article.h"
#include "storage/cjktokenizer.h"

#include <cstring>

namespace folio::searchquery {

namespace {

QString normalized(const QString& text)
{
    QString out = text.left(kMaxQueryChars);
    if (!out.isEmpty() && out.back().isHighSurrogate())
        out.chop(1);
    for (QChar& c : out) {
        switch (c.unicode()) {
        case 0x201C: // “
        case 0x201D: // ”
        case 0xFF02: // ＂
            c = QLatin1Char('"');
            break;
        case 0xFF1A: // ：
            c = QLatin1Char(':');
            break;
        case 0x3000: // ideographic space
        case 0x00A0:
            c = QLatin1Char(' ');
            break;
        default:
            if (c.unicode() < 0x20)
                c = QLatin1Char(' ');
        }
    }
    return out;
}

class Scanner {
public:
    explicit Scanner(const QString& text)
        : m_text(text)
    {
    }

    bool atEnd()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
        return m_pos >= m_text.size();
    }
    QChar peek() const { return m_text.at(m_pos); }
    bool startsWith(const char* prefix) const
    {
        return QStringView(m_text).mid(m_pos).startsWith(QLatin1String(prefix), Qt::CaseInsensitive);
    }
    void skip(qsizetype count) { m_pos += count; }
    bool nextIsSpaceOrEnd() const { return m_pos >= m_text.size() || m_text.at(m_pos).isSpace(); }

    // A quoted phrase after its opening quote: up to the closing quote, or to the end when there is none.
    QString quoted()
    {
        const qsizetype close = m_text.indexOf(QLatin1Char('"'), m_pos);
        const qsizetype end = close < 0 ? m_text.size() : close;
        QString phrase = m_text.mid(m_pos, end - m_pos);
        m_pos = close < 0 ? end : close + 1;
        return phrase;
    }
    // A bare word: up to the next space.
    QString bare()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && !m_text.at(m_pos).isSpace())
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    // A filter's value: quoted or bare.
    QString value()
    {
        if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('"')) {
            ++m_pos;
            return quoted().trimmed();
        }
        return bare();
    }

private:
    const QString& m_text;
    qsizetype m_pos = 0;
};

// Reads a filter (tag:, feed:, is:) at the scanner; false when the text there is not one.
bool readFilter(Scanner& in, bool negated, SearchQuery& query)
{
    for (const char* key : {"tag:", "feed:", "is:"}) {
        if (!in.startsWith(key))
            continue;
        const auto length = qsizetype(std::strlen(key));
        Scanner probe = in;
        probe.skip(length);
        if (probe.nextIsSpaceOrEnd())
            return false; // "tag:" alone is a word
        in.skip(length);
        const QString value = in.value();
        if (value.isEmpty())
            return true;
        if (key[0] == 't') {
            (negated ? query.excludedTags : query.tags).append(value);
        } else if (key[0] == 'f') {
            if (!negated)
                query.feeds.append(value);
        } else if (value.compare(QLatin1String("unread"), Qt::CaseInsensitive) == 0) {
            query.unreadOnly = query.unreadOnly || !negated;
        } else if (value.compare(QLatin1String("starred"), Qt::CaseInsensitive) == 0) {
            query.starredOnly = query.starredOnly || !negated;
        } else {
            query.terms.append({QStringLiteral("is:") + value, negated}); // not a state we know: text
        }
        return true;
    }
    return false;
}

struct TermShape {
    bool hasToken = false;
    int tokens = 0;
    bool startsWithSingleCjk = false;
    QString afterFirstToken; // the term's text after its first token
    bool endsWithSingleCjk = false;
    QStringList cjkRuns;
};

TermShape shapeOf(const QString& term)
{
    const QByteArray utf8 = term.toUtf8();
    struct State {
        TermShape shape;
        const QByteArray* utf8;
        int runStart = -1; // byte where the current CJK run starts
        int runEnd = -1;
    } state{{}, &utf8};
    const auto sink = [](void* context, const search::Token& token) {
        auto* s = static_cast<State*>(context);
        if (!s->shape.hasToken) {
            s->shape.startsWithSingleCjk = token.kind == search::TokenKind::CjkSingle;
            s->shape.afterFirstToken = QString::fromUtf8(s->utf8->mid(token.end));
        }
        s->shape.hasToken = true;
        ++s->shape.tokens;
        s->shape.endsWithSingleCjk = token.kind == search::TokenKind::CjkSingle;
        const auto flush = [s] {
            if (s->runStart >= 0)
                s->shape.cjkRuns.append(QString::fromUtf8(s->utf8->mid(s->runStart, s->runEnd - s->runStart)));
            s->runStart = -1;
        };
        if (token.kind == search::TokenKind::Word) {
            flush();
            return true;
        }
        if (s->runStart >= 0 && token.start >= s->runEnd)
            flush(); // no overlap with the previous bigram: a new run
        if (s->runStart < 0)
            s->runStart = token.start;
        s->runEnd = token.end;
        return true;
    };
    search::tokenize(std::string_view(utf8.constData(), std::size_t(utf8.size())), search::TokenizeMode::Query, sink,
                     &state);
    if (state.runStart >= 0)
        state.shape.cjkRuns.append(QString::fromUtf8(utf8.mid(state.runStart, state.runEnd - state.runStart)));
    return state.shape;
}

QString literal(const QString& term, bool prefix)
{
    QString escaped = term;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"') + (prefix ? QStringLiteral("*") : QString());
}

} // namespace

SearchQuery parse(const QString& text)
{
    const QString input = normalized(text);
    Scanner in(input);
    SearchQuery query;
    bool negateNext = false;
    while (!in.atEnd() && query.terms.size() < kMaxTerms) {
        bool negated = negateNext;
        negateNext = false;
        if (in.peek() == QLatin1Char('-')) {
            in.skip(1);
            if (in.nextIsSpaceOrEnd())
                continue; // a lone "-"
            negated = true;
        }
        if (in.peek() == QLatin1Char('"')) {
            in.skip(1);
            const QString phrase = in.quoted();
            if (!phrase.trimmed().isEmpty())
                query.terms.append({phrase, negated});
            continue;
        }
        if (readFilter(in, negated, query))
            continue;
        const QString word = in.bare();
        if (!negated && (word == QLatin1String("AND") || word == QLatin1String("OR")))
            continue;
        if (!negated && word == QLatin1String("NOT")) {
            negateNext = true;
            continue;
        }
        query.terms.append({word, negated});
    }
    return query;
}

FtsQuery ftsQuery(const SearchQuery& query)
{
    FtsQuery fts;
    QStringList positives, negatives, characters, excludedCharacters;
    for (const SearchTerm& term : query.terms) {
        const TermShape shape = shapeOf(term.text);
        if (!shape.hasToken)
            continue; // nothing the index could hold: "—", "++", "🚀"
        if (shape.tokens == 1 && shape.endsWithSingleCjk) {
            // One CJK character: the character index has it; no prefix query over its bigrams.
            (term.negated ? excludedCharacters : characters) << literal(term.text, false);
            if (!term.negated)
                fts.cjkRuns << foldForMatching(shape.cjkRuns.value(0));
            continue;
        }
        if (shape.tokens > 1 && shape.startsWithSingleCjk) {
            // "码 softmax": the other tokens as the phrase, right after a token that ends in the character.
            const FtsQuery::Follows follows{literal(shape.afterFirstToken, shape.endsWithSingleCjk),
                                            shape.cjkRuns.value(0)};
            if (term.negated) {
                fts.excludedFollows << follows;
            } else {
                positives << follows.phrase;
                fts.follows << follows;
                for (const QString& run : shape.cjkRuns)
                    fts.cjkRuns << foldForMatching(run);
            }
            continue;
        }
        if (term.negated) {
            negatives << literal(term.text, shape.endsWithSingleCjk);
        } else {
            positives << literal(term.text, shape.endsWithSingleCjk);
            for (const QString& run : shape.cjkRuns)
                fts.cjkRuns << foldForMatching(run);
        }
    }
    positives.removeDuplicates();
    negatives.removeDuplicates();
    characters.removeDuplicates();
    excludedCharacters.removeDuplicates();
    fts.cjkRuns.removeDuplicates();
    fts.characters = characters.join(QLatin1String(" AND "));
    fts.excludedCharacters = excludedCharacters.join(QLatin1String(" OR "));
    fts.exclude = negatives.join(QLatin1String(" OR "));
    if (positives.isEmpty())
        return fts;
    for (FtsQuery::Follows& follows : fts.follows)
        follows.index = int(positives.indexOf(follows.phrase)); // FTS5 numbers the phrases left to right
    fts.match = positives.join(QLatin1String(" AND "));
    if (!negatives.isEmpty())
        fts.match = QLatin1Char('(') + fts.match + QStringLiteral(") NOT (") + fts.exclude + QLatin1Char(')');
    return fts;
}

QString foldForMatching(const QString& text)
{
    QString out = text;
    for (QChar& c : out) {
        char16_t u = c.unicode();
        if (u >= 0xFF01 && u <= 0xFF5E)
            u = char16_t(u - 0xFEE0);
        if (!QChar::isSurrogate(u))
            u = char16_t(QChar::toCaseFolded(u));
        c = QChar(u);
    }
    return out;
}

} // namespace folio::searchquery
