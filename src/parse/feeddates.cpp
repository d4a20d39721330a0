#include "parse/feeddates.h"

#include "parse/dates.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTimeZone>

namespace folio {

namespace {

int monthNumber(const QString& token)
{
    static constexpr QLatin1StringView kMonths[] = {
        QLatin1StringView("january"), QLatin1StringView("february"), QLatin1StringView("march"),
        QLatin1StringView("april"),   QLatin1StringView("may"),      QLatin1StringView("june"),
        QLatin1StringView("july"),    QLatin1StringView("august"),   QLatin1StringView("september"),
        QLatin1StringView("october"), QLatin1StringView("november"), QLatin1StringView("december")};
    if (token.size() < 3 || token.size() > 9 || !token[0].isLetter())
        return 0;
    for (int m = 0; m < 12; ++m) {
        // "Mar", "March", "Sept"
        const bool abbreviation = token.size() == 3 || (m == 8 && token.size() == 4);
        if (token.compare(abbreviation ? kMonths[m].left(token.size()) : kMonths[m], Qt::CaseInsensitive) == 0)
            return m + 1;
    }
    return 0;
}

bool isWeekday(const QString& token)
{
    static constexpr QLatin1StringView kDays[] = {QLatin1StringView("monday"),    QLatin1StringView("tuesday"),
                                                  QLatin1StringView("wednesday"), QLatin1StringView("thursday"),
                                                  QLatin1StringView("friday"),    QLatin1StringView("saturday"),
                                                  QLatin1StringView("sunday")};
    if (token.size() < 3 || token.size() > 9 || !token[0].isLetter())
        return false;
    for (const QLatin1StringView day : kDays) {
        // "Sat", "Tues", "Thur", "Saturday"
        const bool prefix = token.size() <= 4;
        if (token.compare(prefix ? day.left(token.size()) : day, Qt::CaseInsensitive) == 0)
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
std::optional<int> offsetMinutes(QStringView token)
{
    if (token.size() < 2 || (token[0] != QLatin1Char('+') && token[0] != QLatin1Char('-')))
        return std::nullopt;
    QString digits;
    for (qsizetype i = 1; i < token.size(); ++i) {
        if (token[i].isDigit())
            digits += token[i];
        else if (token[i] != QLatin1Char(':') || i != 3)
            return std::nullopt;
    }
    int hours = 0;
    int mins = 0;
    if (digits.size() <= 2) {
        hours = digits.toInt();
    } else if (digits.size() == 3) { // "+530"
        hours = digits.left(1).toInt();
        mins = digits.mid(1).toInt();
    } else if (digits.size() == 4) {
        hours = digits.left(2).toInt();
        mins = digits.mid(2).toInt();
    } else {
        return std::nullopt;
    }
    if (digits.isEmpty() || hours > 23 || mins > 59)
        return std::nullopt;
    return (token[0] == QLatin1Char('-') ? -1 : 1) * (hours * 60 + mins);
}

// Splits on white space and commas; "14-Mar-2026" becomes three tokens.
QStringList dateTokens(QStringView text)
{
    QStringList tokens;
    qsizetype start = -1;
    auto flush = [&](qsizetype end) {
        if (start < 0)
            return;
        const QStringView token = text.mid(start, end - start);
        const qsizetype dash = token.indexOf(QLatin1Char('-'));
        const bool dashedDate =
            dash > 0 && dash <= 2 && token[0].isDigit() && dash + 1 < token.size() && token[dash + 1].isLetter();
        if (dashedDate) {
            for (const QStringView part : token.split(QLatin1Char('-')))
                tokens << part.toString();
        } else {
            tokens << token.toString();
        }
        start = -1;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isSpace() || text[i] == QLatin1Char(',')) {
            flush(i);
        } else if (start < 0) {
            start = i;
        }
    }
    flush(text.size());
    return tokens;
}

// "09:30", "9:30:00", "09:30:00.123", with anything glued after it ("Z", "+0800") in `rest`.
std::optional<QTime> clockTime(QStringView token, QStringView& rest)
{
    qsizetype i = 0;
    auto number = [&](int maxDigits) -> int {
        const qsizetype start = i;
        while (i < token.size() && token[i].isDigit() && i - start < maxDigits)
            ++i;
        return i > start ? token.mid(start, i - start).toInt() : -1;
    };
    const int h = number(2);
    if (h < 0 || i >= token.size() || token[i] != QLatin1Char(':'))
        return std::nullopt;
    ++i;
    const qsizetype minuteStart = i;
    const int m = number(2);
    if (m < 0 || i - minuteStart != 2)
        return std::nullopt;
    int s = 0;
    if (i < token.size() && token[i] == QLatin1Char(':')) {
        ++i;
        s = number(2);
        if (s < 0)
            return std::nullopt;
        if (i < token.size() && token[i] == QLatin1Char('.')) {
            ++i;
            while (i < token.size() && token[i].isDigit())
                ++i;
        }
    }
    rest = token.mid(i);
    return QTime(h, m, s);
}

} // namespace

std::optional<QDateTime> parseRfc822Date(const QString& input)
{
    static const QRegularExpression zoneWithOffset(QStringLiteral(R"(^(?:GMT|UTC|UT)([+-]\d{1,2}(?::?\d{2})?)$)"),
                                                   QRegularExpression::CaseInsensitiveOption);

    QStringList tokens = dateTokens(input);

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
        } else if (QStringView glued; !time && token.contains(QLatin1Char(':')) && token[0].isDigit() &&
                                      (time = clockTime(token, glued))) {
            if (!time->isValid())
                return std::nullopt;
            if (!glued.isEmpty()) // "09:30:00Z", "09:30:00+0800"
                tokens.insert(i + 1, glued.toString());
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
        } else if (const auto z = zoneWithOffset.match(token); token.size() > 3 && z.hasMatch()) {
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
        // Seconds (10 digits) or milliseconds (13) since 1970, as some generators write them.
        static const QRegularExpression epoch(QStringLiteral(R"(^(\d{10}|\d{13})$)"));
        if (epoch.match(trimmed).hasMatch()) {
            const qint64 value = trimmed.toLongLong();
            return QDateTime::fromMSecsSinceEpoch(trimmed.size() == 10 ? value * 1000 : value, QTimeZone::utc())
                .toUTC();
        }
        // Chinese blogs: "2026年12月6日", "2026年12月6日 10:00", full-width colons too; UTC, as dates without a zone
        // are read everywhere else.
        static const QRegularExpression chinese(
            QStringLiteral(R"(^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?:\s*(?:星期|周)[一二三四五六日天])?)"
                           R"((?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?\s*$)"));
        if (const auto m = chinese.match(trimmed); m.hasMatch()) {
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
