#pragma once

#include <QString>

#include <vector>

namespace folio::detail {

struct Fence;

// Where the container markers at the start of a line end: block quotes, list markers, footnote labels and the
// spaces between them.
struct ContainerPrefix {
    qsizetype contentStart = 0;
    qsizetype afterQuotes = 0; // just after the last '>' marker and its optional space
    int quoteDepth = 0;        // how many '>' markers
    int indent = 0;            // columns from afterQuotes to contentStart
    int widestGap = 0;         // the most columns of space before or between markers: 4 may mean code
    bool listMarker = false;   // a list item or footnote definition starts on this line
};

// The lines of a Markdown text as the math scanner needs them: where each starts, its container prefix, which
// lines belong to code or HTML blocks (never scanned), and which line breaks an inline span may cross.
//
// Code and HTML blocks come from a first cmark-gfm parse, but only when it matters. A cheap line scan first
// marks every line that could belong to such a block, a superset of what cmark finds: fences and HTML blocks
// that can interrupt a paragraph are certain; indented lines and other inline-looking HTML are not (list
// indentation and open paragraphs decide). When no uncertain line holds a math delimiter the parse is skipped
// and all marked lines are treated as verbatim, which at worst keeps a multi-line formula from running through
// a line without delimiters. Unclear container structure (a line that may have left a list or quote inside a
// code or HTML block) always parses.
class MarkdownLines {
public:
    enum class Verbatim : unsigned char { No, IndentedCode, Other };

    explicit MarkdownLines(const QString& text);

    qsizetype count() const { return qsizetype(m_prefixes.size()); }
    // start(count()) is the text size, so start(line + 1) is always the next line (or the end).
    qsizetype start(qsizetype line) const { return m_starts[size_t(line)]; }
    qsizetype end(qsizetype line) const { return m_ends[size_t(line)]; } // before the line ending
    qsizetype lineAt(qsizetype offset) const;
    const ContainerPrefix& prefix(qsizetype line) const { return m_prefixes[size_t(line)]; }
    bool isBlank(qsizetype line) const;
    Verbatim verbatim(qsizetype line) const { return m_verbatim[size_t(line)]; }
    // Whether an inline span opened on `first` may run on to `last`: same paragraph, block quote depth and
    // table row rules as CommonMark's paragraph continuation (a blank line or a new block ends it).
    bool inlineCanSpan(qsizetype first, qsizetype last) const { return m_runStart[size_t(last)] <= first; }
    // The offset in `line` after up to `quoteDepth` '>' markers and then up to `indent` columns of space.
    qsizetype skipContainer(qsizetype line, int quoteDepth, int indent) const;
    bool parsedWithCmark() const { return m_parsedWithCmark; }

private:
    void splitLines();
    bool markPossibleVerbatim();
    qsizetype markFence(qsizetype line, Fence fence, bool& clear);
    qsizetype markHtml(qsizetype line, int kind, bool& clear);
    bool lineInsideContainer(qsizetype line, qsizetype opener) const;
    bool allowsIndentedCode(qsizetype line) const;
    bool unsureLinesHaveMath() const;
    QString blockSkeleton() const;
    void markFromCmark();
    void markTables(std::vector<bool>& table) const;
    bool startsBlock(qsizetype line) const;
    bool isSingleLineBlock(qsizetype line) const;
    void linkInlineRuns();

    const QString& m_text;
    std::vector<qsizetype> m_starts;
    std::vector<qsizetype> m_ends;
    std::vector<ContainerPrefix> m_prefixes;
    std::vector<Verbatim> m_verbatim;
    std::vector<bool> m_unsure; // marked by the line scan, but maybe not verbatim for cmark
    std::vector<qsizetype> m_runStart;
    bool m_parsedWithCmark = false;
};

} // namespace folio::detail
