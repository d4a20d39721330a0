#pragma once

// Runs JavaScript in the isolated world where Folio's own page scripts live (page JavaScript is off) and waits for
// its answer: how web-view tests look inside a rendered article.

#include <QTest>
#include <QVariant>
#include <QWebEnginePage>
#include <QWebEngineScript>
#include <QWebEngineView>

namespace folio::test {

inline QVariant evaluate(QWebEngineView& view, const QString& js, int timeoutMs = 60'000)
{
    QVariant result;
    bool done = false;
    view.page()->runJavaScript(js, QWebEngineScript::ApplicationWorld, [&](const QVariant& v) {
        result = v;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, timeoutMs))
        qWarning("runJavaScript did not answer");
    return result;
}

} // namespace folio::test
