#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace folio {

// A Markdown post as Hugo, Hexo and Jekyll keep it: optional front matter, then the body.
struct MarkdownPost {
    QString title;                    // front matter, else the first "# " heading, else the file name
    std::optional<QDateTime> date;    // front matter `date`, else a date at the start of the file name
    std::optional<QDateTime> updated; // `lastmod` or `updated`
    QStringList tags;                 // `tags` then `categories`, without case-insensitive duplicates
    QString summary;                  // `summary` or `description`
    QString slug;
    QString author;
    bool draft = false;
    QString body;         // the Markdown after the front matter
    QStringList warnings; // what was read but not understood, in words for the user
};

// Front matter is YAML between "---" lines or TOML between "+++" lines, starting on the first line.
// Fails (with a line number where the parser gives one) on front matter that does not parse or is not a
// key/value table. `fileName` is the post's file name, used for the title and date fallbacks.
Result<MarkdownPost> parseMarkdownPost(QString text, const QString& fileName);

} // namespace folio
