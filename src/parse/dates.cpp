#include "parse/dates.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace folio {

std::optional<QDateTime> parseLooseDate(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(\d{4})[-/](\d{1,2})[-/](\d{1,2}))"
                       R"((?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)"
                       R"(\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$)"));
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;

    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    QTime time(0, 0);
    if (m.hasCaptured(4)) {
        int ms = 0;
        if (m.hasCaptured(7))
            ms = m.captured(7).left(3).leftJustified(3, QLatin1Char('0')).toInt();
        time = QTime(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms);
        if (!time.isValid())
            return std::nullopt;
    }

    int offsetSeconds = 0;
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && (zone.front() == QLatin1Char('+') || zone.front() == QLatin1Char('-'))) {
        const QString digits = zone.mid(1).remove(QLatin1Char(':'));
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() > 2 ? digits.mid(2, 2).toInt() : 0;
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        offsetSeconds = (hours * 3600 + minutes * 60) * (zone.front() == QLatin1Char('-') ? -1 : 1);
    }
    return QDateTime(date, time, QTimeZone(offsetSeconds)).toUTC();
}

std::optional<QDateTime> dateFromFileName(const QString& fileName)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^(\d{4})-(\d{2})-(\d{2})(?:[-_ ]|\.|$))"));
    const auto m = pattern.match(fileName);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    return QDateTime(date, QTime(0, 0), QTimeZone::utc());
}

} // namespace folio
