#pragma once

// A real HTTP/1.1 server on 127.0.0.1 for tests of fetching: scripted answers per path, every request kept
// for inspection, and the misbehaviours feed servers show (stalling, cutting a body short, endless bodies).

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace folio::test {

struct SeenRequest {
    QByteArray method;
    QByteArray path;                       // with the query
    QHash<QByteArray, QByteArray> headers; // names in lower case

    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
};

struct Answer {
    enum class Mode {
        Whole,    // status, headers and body, then close
        Stall,    // never answer
        CutShort, // Content-Length promises more than is sent, then close
        Endless,  // keep sending until the client hangs up (no Content-Length unless set in headers)
        Trickle   // the body, then a space every 20 ms until the client hangs up (never idle, never done)
    };
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Mode mode = Mode::Whole;

    static Answer ok(QByteArray body, QByteArray contentType = "application/rss+xml; charset=utf-8")
    {
        Answer a;
        a.body = std::move(body);
        a.with("Content-Type", contentType);
        return a;
    }
    static Answer code(int status, QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        Answer a;
        a.status = status;
        a.headers = std::move(headers);
        return a;
    }
    static Answer redirect(int status, const QByteArray& location) { return code(status, {{"Location", location}}); }
    Answer& with(const QByteArray& name, const QByteArray& value)
    {
        headers.append(qMakePair(name, value));
        return *this;
    }
};

class HttpServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<Answer(const SeenRequest&)>;

    HttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::accept);
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    bool listening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString& path) const { return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path)); }
    QByteArray urlBytes(const QString& path) const { return url(path).toEncoded(); }

    void route(const QByteArray& path, Handler handler) { m_routes.insert(path, std::move(handler)); }
    void route(const QByteArray& path, const Answer& answer)
    {
        m_routes.insert(path, [answer](const SeenRequest&) { return answer; });
    }

    const QList<SeenRequest>& requests() const { return m_requests; }
    int requestsFor(const QByteArray& path) const
    {
        int n = 0;
        for (const SeenRequest& r : m_requests)
            n += r.path == path ? 1 : 0;
        return n;
    }
    const SeenRequest* lastRequestFor(const QByteArray& path) const
    {
        for (auto it = m_requests.crbegin(); it != m_requests.crend(); ++it) {
            if (it->path == path)
                return &*it;
        }
        return nullptr;
    }

    // Stops listening and drops every open connection: the server is gone.
    void shutDown()
    {
        m_server.close();
        for (const QPointer<QTcpSocket>& s : std::as_const(m_sockets)) {
            if (s)
                s->abort();
        }
    }

Q_SIGNALS:
    void answered(const QByteArray& path);

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            m_sockets.append(socket);
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                *buffer += socket->readAll();
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray head = buffer->left(end);
                buffer->remove(0, end + 4);
                serve(socket, parse(head));
            });
        }
    }

    static SeenRequest parse(const QByteArray& head)
    {
        SeenRequest request;
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.path = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                       lines.at(i).mid(colon + 1).trimmed());
        }
        return request;
    }

    void serve(QTcpSocket* socket, const SeenRequest& request)
    {
        m_requests.append(request);
        const auto route = m_routes.constFind(request.path);
        const Answer answer = route == m_routes.constEnd() ? Answer::code(404) : (*route)(request);
        if (answer.mode == Answer::Mode::Stall)
            return;

        QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status) + " Status\r\nConnection: close\r\n";
        bool hasLength = false;
        for (const auto& [name, value] : answer.headers) {
            head += name + ": " + value + "\r\n";
            hasLength = hasLength || name.compare("Content-Length", Qt::CaseInsensitive) == 0;
        }
        if (answer.mode == Answer::Mode::CutShort)
            head += "Content-Length: " + QByteArray::number(answer.body.size() * 2 + 100) + "\r\n";
        else if (answer.mode == Answer::Mode::Whole && !hasLength)
            head += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
        socket->write(head + "\r\n");

        if (answer.mode == Answer::Mode::Trickle) {
            socket->write(answer.body);
            auto* drip = new QTimer(socket);
            connect(drip, &QTimer::timeout, socket, [socket] { socket->write(" "); });
            drip->start(20);
        } else if (answer.mode == Answer::Mode::Endless) {
            const QByteArray chunk(64 * 1024, 'x');
            connect(socket, &QTcpSocket::bytesWritten, socket, [socket, chunk] {
                if (socket->bytesToWrite() < 256 * 1024)
                    socket->write(chunk);
            });
            socket->write(chunk);
        } else {
            socket->write(answer.body);
            socket->disconnectFromHost(); // after what is buffered has been written
        }
        Q_EMIT answered(request.path);
    }

    QTcpServer m_server;
    QHash<QByteArray, Handler> m_routes;
    QList<SeenRequest> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace folio::test
