#include "ui/feedicon.h"

#include <QPainter>
#include <QPainterPath>

namespace folio {

QImage defaultFeedIcon(int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 16.0, size / 16.0); // drawn on a 16-unit grid
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xe8, 0x77, 0x22));
    p.drawRoundedRect(QRectF(0.5, 0.5, 15, 15), 3, 3);
    // A dot in the lower left corner and two quarter circles around it.
    p.setBrush(Qt::white);
    p.drawEllipse(QPointF(4.6, 11.4), 1.5, 1.5);
    QPen arc(Qt::white, 1.9, Qt::SolidLine, Qt::RoundCap);
    p.setPen(arc);
    p.setBrush(Qt::NoBrush);
    for (const qreal radius : {5.2, 8.6}) {
        const QRectF circle(3.1 - radius, 12.9 - radius, 2 * radius, 2 * radius);
        p.drawArc(circle, 0, 90 * 16);
    }
    p.end();
    return image;
}

} // namespace folio
