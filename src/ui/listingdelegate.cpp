#include "ui/listingdelegate.h"

#include "models/listingmodel.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QTextLayout>

namespace folio {

namespace {

constexpr int kMargin = 12;
constexpr int kExcerptLines = 2;

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

// Lays out up to `maxLines` lines of `text` in `width`, eliding the last one.
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

} // namespace

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
    dim.setAlphaF(0.65);

    const QRect area = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const bool read = index.data(ListingModel::ReadRole).toBool();
    const QFont tFont = titleFont(option.font);
    const QFont mFont = metaFont(option.font);

    painter->save();
    int y = area.top();
    painter->setFont(tFont);
    painter->setPen(read ? dim : text);
    const QString star = index.data(ListingModel::StarredRole).toBool() ? QStringLiteral("★ ") : QString();
    const QString title = QFontMetrics(tFont).elidedText(star + index.data(ListingModel::TitleRole).toString(),
                                                         Qt::ElideRight, area.width());
    painter->drawText(QPoint(area.left(), y + QFontMetrics(tFont).ascent()), title);
    y += QFontMetrics(tFont).height() + 2;

    painter->setFont(mFont);
    painter->setPen(dim);
    const QDateTime published = index.data(ListingModel::PublishedRole).toDateTime().toLocalTime();
    QString meta = QLocale().toString(published.date(), QLocale::ShortFormat);
    const QStringList tags = index.data(ListingModel::TagsRole).toStringList();
    if (!tags.isEmpty())
        meta += QStringLiteral("  ·  ") + tags.join(QStringLiteral("  "));
    painter->drawText(QPoint(area.left(), y + QFontMetrics(mFont).ascent()),
                      QFontMetrics(mFont).elidedText(meta, Qt::ElideRight, area.width()));
    y += QFontMetrics(mFont).height() + 4;

    painter->setFont(option.font);
    painter->setPen(read ? dim : text);
    for (const QString& line :
         wrapped(index.data(ListingModel::ExcerptRole).toString(), option.font, area.width(), kExcerptLines)) {
        painter->drawText(QPoint(area.left(), y + QFontMetrics(option.font).ascent()), line);
        y += QFontMetrics(option.font).lineSpacing();
    }
    QColor rule = pal.color(QPalette::Mid);
    rule.setAlphaF(0.4);
    painter->setPen(rule);
    painter->drawLine(option.rect.bottomLeft() + QPoint(kMargin, 0), option.rect.bottomRight() - QPoint(kMargin, 0));
    painter->restore();
}

QSize ListingDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const int height = 2 * kMargin + QFontMetrics(titleFont(option.font)).height() + 2 +
                       QFontMetrics(metaFont(option.font)).height() + 4 +
                       kExcerptLines * QFontMetrics(option.font).lineSpacing();
    return {option.rect.width(), height};
}

} // namespace folio
