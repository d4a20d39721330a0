#include "parse/feeddates.h"

#include "parse/dates.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTimeZone>

namespace folio {

namespace {

int monthNumber(const QString& token)
{
    static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
    static const char* const kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                        "july",    "august",   "september", "october", "november", "december"};
    const QString lower = token.toLower();
    for (int m = 0; m < 12; ++m) {
        if (lower == QLatin1StringView(kMonths[m]) || lower == QLatin1StringView(kFull[m]) ||
            (m == 8 && lower == u"sept"))
            return m + 1;
    }
    return 0;
}

bool isWeekday(const QString& token)
{
    static const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static const char* const kFull[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    const QString lower = token.toLower();
    for (int d = 0; d < 7; ++d) {
        if (lower == QLatin1StringView(kDays[d]) || lower == QLatin1StringView(kFull[d]) ||
            (lower.size() == 4 && lower.startsWith(QLatin1StringView(kDays[d])))) // "Tues", "Thur"
            return true;
    }
    return false;
}

// Offset in minutes of a named zone, or nullopt. US zones as RFC 822 defines them ("CST" is US Central, not
// China: Chinese feeds that mean +0800 write the offset, and guessing would break the US ones).
std::optional<int> namedZoneMinutes(const QString& token)
{
    struct Zone {
        const char* name;
        int minutes;
    };
    static constexpr Zone kZones[] = {
        {"UT", 0},      {"UTC", 0},     {"GMT", 0},    {"Z", 0},      {"EST", -300}, {"EDT", -240},
        {"CST", -360},  {"CDT", -300},  {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
        {"AKST", -540}, {"AKDT", -480}, {"HST", -600}, {"WET", 0},    {"WEST", 60},  {"BST", 60},
        {"CET", 60},    {"CEST", 120},  {"MET", 60},   {"MEST", 120}, {"EET", 120},  {"EEST", 180},
        {"MSK", 180},   {"IST", 330},   {"SGT", 480},  {"HKT", 480},  {"AWST", 480}, {"JST", 540},
        {"KST", 540},   {"ACST", 570},  {"AEST", 600}, {"AEDT", 660}, {"NZST", 720}, {"NZDT", 780},
    };
    const QString upper = token.toUpper();
    for (const Zone& zone : kZones) {
        if (upper == QLatin1StringView(zone.name))
            return zone.minutes;
    }
    return std::nullopt;
}

// "+0800", "+08:00", "+08", "-5", "+530" → minutes.
std::optional<int> offsetMinutes(const QString& token)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^([+-])(\d{1,2})(?::?(\d{2}))?$)"));
    const auto m = pattern.match(token);
    if (!m.hasMatch()) {
        static const QRegularExpression compact(QStringLiteral(R"(^([+-])(\d)(\d{2})$)"));
        const auto c = compact.match(token);
        if (!c.hasMatch())
            return std::nullopt;
        const int minutes = c.captured(2).toInt() * 60 + c.captured(3).toInt();
        return c.captured(1) == u"-" ? -minutes : minutes;
    }
    const int hours = m.captured(2).toInt();
    const int mins = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
    if (hours > 23 || mins > 59)
        return std::nullopt;
    return (m.captured(1) == u"-" ? -1 : 1) * (hours * 60 + mins);
}

} // namespace

std::optional<QDateTime> parseRfc822Date(const QString& input)
{
    static const QRegularExpression separators(QStringLiteral(R"([\s,]+)"));
    static const QRegularExpression dashedDate(QStringLiteral(R"(^(\d{1,2})-([A-Za-z]{3,9})-(\d{2,4})$)"));
    static const QRegularExpression timePattern(QStringLiteral(R"(^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(.*)$)"));
    static const QRegularExpression zoneWithOffset(QStringLiteral(R"(^(?:GMT|UTC|UT)([+-]\d{1,2}(?::?\d{2})?)$)"),
                                                   QRegularExpression::CaseInsensitiveOption);

    QStringList tokens;
    for (const QString& token : input.trimmed().split(separators, Qt::SkipEmptyParts)) {
        if (const auto m = dashedDate.match(token); m.hasMatch())
            tokens << m.captured(1) << m.captured(2) << m.captured(3);
        else
            tokens << token;
    }

    int day = 0;
    int month = 0;
    int year = -1;
    int yearDigits = 0;
    std::optional<QTime> time;
    std::optional<int> zone;
    bool pm = false;
    bool am = false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        QString token = tokens[i];
        if (token.endsWith(QLatin1Char('.')))
            token.chop(1); // "Mar." and "Sat."
        if (token.isEmpty())
            continue;
        if (const int m = monthNumber(token); m != 0 && month == 0) {
            month = m;
        } else if (isWeekday(token)) {
            continue;
        } else if (const auto t = timePattern.match(token); t.hasMatch() && !time) {
            time = QTime(t.captured(1).toInt(), t.captured(2).toInt(), t.captured(3).toInt());
            if (!time->isValid())
                return std::nullopt;
            const QString glued = t.captured(4); // "09:30:00Z", "09:30:00+0800"
            if (!glued.isEmpty())
                tokens.insert(i + 1, glued);
        } else if (token.compare(u"am", Qt::CaseInsensitive) == 0) {
            am = true;
        } else if (token.compare(u"pm", Qt::CaseInsensitive) == 0) {
            pm = true;
        } else if (token.front().isDigit()) {
            bool ok = false;
            const int value = token.toInt(&ok);
            if (!ok)
                return std::nullopt;
            if (token.size() <= 2 && day == 0) {
                day = value;
            } else if (year < 0 && (token.size() == 2 || token.size() == 4)) {
                year = value;
                yearDigits = int(token.size());
            } else {
                return std::nullopt;
            }
        } else if (const auto named = namedZoneMinutes(token); named && !zone) {
            zone = named;
        } else if (const auto offset = offsetMinutes(token); offset) {
            zone = offset; // "GMT +0800": the offset is the more precise of the two
        } else if (const auto z = zoneWithOffset.match(token); z.hasMatch()) {
            zone = offsetMinutes(z.captured(1));
            if (!zone)
                return std::nullopt;
        } else if (token.startsWith(QLatin1Char('(')) && zone) {
            break; // "-0500 (EST)": a comment after the zone
        } else {
            return std::nullopt;
        }
    }
    if (day == 0 || month == 0 || year < 0)
        return std::nullopt;
    if (yearDigits == 2)
        year += year < 50 ? 2000 : 1900;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    QTime clock = time.value_or(QTime(0, 0));
    if ((am || pm) && clock.hour() <= 12) {
        const int hour = clock.hour() % 12 + (pm ? 12 : 0);
        clock = QTime(hour, clock.minute(), clock.second());
    }
    return QDateTime(date, clock, QTimeZone(zone.value_or(0) * 60)).toUTC();
}

std::optional<QDateTime> parseFeedDate(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (trimmed.size() >= 8 && trimmed[0].isDigit() && trimmed[1].isDigit() && trimmed[2].isDigit() &&
        trimmed[3].isDigit()) {
        if (auto iso = parseLooseDate(trimmed))
            return iso;
        // "2026-03-14T09:30:00.123+0800Z"-like noise is rare; "20260314" compact ISO is not.
        static const QRegularExpression compact(
            QStringLiteral(R"(^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?Z?$)"));
        if (const auto m = compact.match(trimmed); m.hasMatch()) {
            const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
            const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
            if (date.isValid() && time.isValid())
                return QDateTime(date, time, QTimeZone::utc()).toUTC();
        }
        return std::nullopt;
    }
    return parseRfc822Date(trimmed);
}

} // namespace folio
