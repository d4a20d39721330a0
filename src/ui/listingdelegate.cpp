#include "ui/listingdelegate.h"

#include "domain/search.h"
#include "models/pagedarticlemodel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace folio {

namespace {

constexpr int kMargin = 12;
constexpr int kExcerptLines = 2;
constexpr int kTagGap = 10;

QFont titleFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 1.15);
    f.setBold(true);
    return f;
}

QFont metaFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.9);
    return f;
}

// Text line height including fallback fonts (CJK glyphs come from a taller font than the primary one).
int lineHeight(const QFont& font)
{
    return QFontMetrics(font).lineSpacing() * 5 / 4;
}

QString dateText(const QModelIndex& index)
{
    const QDateTime published = index.data(PagedArticleModel::PublishedRole).toDateTime().toLocalTime();
    return QLocale().toString(published.date(), QLocale::ShortFormat);
}

QStringList wrapped(const QString& text, const QFont& font, int width, int maxLines)
{
    QStringList lines;
    QTextLayout layout(text, font);
    layout.beginLayout();
    for (int i = 0; i < maxLines; ++i) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        lines << text.mid(line.textStart(), line.textLength()).trimmed();
        if (i == maxLines - 1 && line.textStart() + line.textLength() < text.size())
            lines.back() = QFontMetrics(font).elidedText(text.mid(line.textStart()), Qt::ElideRight, width);
    }
    layout.endLayout();
    return lines;
}

// Paints a search snippet, its matches in bold, in at most kExcerptLines lines from (left, top).
void paintSnippet(QPainter* painter, const QString& snippet, const QFont& font, const QColor& color, QPoint at,
                  int width)
{
    QTextDocument doc;
    doc.setDocumentMargin(0);
    doc.setDefaultFont(font);
    doc.setTextWidth(width);
    doc.setHtml(ListingDelegate::snippetHtml(snippet));
    qreal height = 0;
    int lines = 0;
    for (QTextBlock block = doc.firstBlock(); block.isValid() && lines < kExcerptLines; block = block.next()) {
        const QTextLayout* layout = block.layout();
        const qreal top = doc.documentLayout()->blockBoundingRect(block).top();
        for (int i = 0; i < layout->lineCount() && lines < kExcerptLines; ++i, ++lines)
            height = top + layout->lineAt(i).rect().bottom();
    }
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, color);
    context.clip = QRectF(0, 0, width, height);
    painter->save();
    painter->translate(at);
    painter->setClipRect(context.clip);
    doc.documentLayout()->draw(painter, context);
    painter->restore();
}

QRect contentArea(const QStyleOptionViewItem& option)
{
    return option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
}

} // namespace

QList<QPair<QRect, QString>> ListingDelegate::tagRects(const QStyleOptionViewItem& option,
                                                       const QModelIndex& index) const
{
    const QRect area = contentArea(option);
    const QFont meta = metaFont(option.font);
    const QFontMetrics fm(meta);
    const int top = area.top() + lineHeight(titleFont(option.font)) + 2;
    int x = area.left() + fm.horizontalAdvance(dateText(index)) + 2 * kTagGap;
    QList<QPair<QRect, QString>> rects;
    for (const QString& tag : index.data(PagedArticleModel::TagsRole).toStringList()) {
        const int width = fm.horizontalAdvance(tag) + 10;
        if (x + width > area.right())
            break;
        rects.append({QRect(x, top, width, lineHeight(meta)), tag});
        x += width + kTagGap / 2;
    }
    return rects;
}

void ListingDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette& pal = option.palette;
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.62);
    const bool read = index.data(PagedArticleModel::ReadRole).toBool();
    const QRect area = contentArea(option);
    const QFont tFont = titleFont(option.font);
    const QFont mFont = metaFont(option.font);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    int y = area.top();
    painter->setFont(tFont);
    painter->setPen(read ? dim : text);
    QString title = index.data(PagedArticleModel::TitleRole).toString();
    if (index.data(PagedArticleModel::StarredRole).toBool())
        title.prepend(QStringLiteral("★ "));
    if (!read)
        title.prepend(QStringLiteral("● "));
    painter->drawText(QRect(area.left(), y, area.width(), lineHeight(tFont)), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(tFont).elidedText(title, Qt::ElideRight, area.width()));
    y += lineHeight(tFont) + 2;

    painter->setFont(mFont);
    painter->setPen(dim);
    painter->drawText(QRect(area.left(), y, area.width(), lineHeight(mFont)), Qt::AlignLeft | Qt::AlignVCenter,
                      dateText(index));
    QColor chip = pal.color(QPalette::Highlight);
    chip.setAlphaF(selected ? 0.35 : 0.12);
    for (const auto& [rect, tag] : tagRects(option, index)) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(chip);
        painter->drawRoundedRect(rect.adjusted(0, 2, 0, -2), 3, 3);
        painter->setPen(text);
        painter->drawText(rect, Qt::AlignCenter, tag);
    }
    y += lineHeight(mFont) + 4;

    const QString snippet = index.data(PagedArticleModel::SnippetRole).toString();
    if (!snippet.isEmpty()) {
        paintSnippet(painter, snippet, option.font, read ? dim : text, QPoint(area.left(), y), area.width());
    } else {
        painter->setFont(option.font);
        painter->setPen(read ? dim : text);
        const QString excerpt = index.data(PagedArticleModel::ExcerptRole).toString();
        for (const QString& line : wrapped(excerpt, option.font, area.width(), kExcerptLines)) {
            painter->drawText(QRect(area.left(), y, area.width(), lineHeight(option.font)),
                              Qt::AlignLeft | Qt::AlignVCenter, line);
            y += lineHeight(option.font);
        }
    }

    QColor rule = pal.color(QPalette::Mid);
    rule.setAlphaF(0.4);
    painter->setPen(rule);
    painter->drawLine(option.rect.bottomLeft() + QPoint(kMargin, 0), option.rect.bottomRight() - QPoint(kMargin, 0));
    painter->restore();
}

QSize ListingDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const int height = 2 * kMargin + lineHeight(titleFont(option.font)) + 2 + lineHeight(metaFont(option.font)) + 4 +
                       kExcerptLines * lineHeight(option.font);
    // Width is the view's: the list never scrolls sideways.
    return {1, height};
}

QString ListingDelegate::snippetHtml(const QString& snippet)
{
    QString html = snippet.toHtmlEscaped();
    html.replace(kHighlightStart, QStringLiteral("<b>"));
    html.replace(kHighlightEnd, QStringLiteral("</b>"));
    return html;
}

bool ListingDelegate::editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                                  const QModelIndex& index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const QPoint pos = static_cast<QMouseEvent*>(event)->position().toPoint();
        for (const auto& [rect, tag] : tagRects(option, index)) {
            if (rect.contains(pos)) {
                Q_EMIT tagClicked(tag);
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace folio
