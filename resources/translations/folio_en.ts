<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>folio::FeedController</name>
    <message numerus="yes">
        <source>Remove %1 and its %n article(s)? Starred articles go too.</source>
        <translation>
            <numerusform>Remove %1 and its %n article? Starred articles go too.</numerusform>
            <numerusform>Remove %1 and its %n articles? Starred articles go too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) imported; fetching them…</source>
        <translation>
            <numerusform>%n feed imported; fetching it…</numerusform>
            <numerusform>%n feeds imported; fetching them…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) exported to %1</source>
        <translation>
            <numerusform>%n feed exported to %1</numerusform>
            <numerusform>%n feeds exported to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n new article</numerusform>
            <numerusform>%n new articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) failed</source>
        <translation>
            <numerusform>%n feed failed</numerusform>
            <numerusform>%n feeds failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Making articles searchable: %n done…</source>
        <translation>
            <numerusform>Making articles searchable: %n done…</numerusform>
            <numerusform>Making articles searchable: %n done…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>folio::MainWindow</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) read. %1 undoes it.</source>
        <translation>
            <numerusform>Marked %n article read. %1 undoes it.</numerusform>
            <numerusform>Marked %n articles read. %1 undoes it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) unread again.</source>
        <translation>
            <numerusform>%n article unread again.</numerusform>
            <numerusform>%n articles unread again.</numerusform>
        </translation>
    </message>
</context>
</TS>
