#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace folio {

// Hands values from one producer thread to one consumer thread, in order, holding at most `capacity` of them: a
// producer ahead of its consumer waits, so memory stays bounded however long the stream. Either side can end the
// handoff: the producer with finish() once it has put everything (the consumer takes what is left, then gets
// nullopt), the consumer with abandon() (put() returns false from then on, and a waiting producer wakes).
template <typename T> class Handoff {
public:
    explicit Handoff(std::size_t capacity)
        : m_capacity(capacity < 1 ? 1 : capacity)
    {
    }

    // Waits while the handoff is full. False when the consumer has abandoned it: the value is dropped.
    bool put(T value)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_abandoned || m_values.size() < m_capacity; });
        if (m_abandoned)
            return false;
        m_values.push_back(std::move(value));
        m_changed.notify_all();
        return true;
    }

    // The next value; waits for one. nullopt once the producer has finished and everything was taken, or after
    // abandon().
    std::optional<T> take()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_abandoned || m_finished || !m_values.empty(); });
        if (m_abandoned || m_values.empty())
            return std::nullopt;
        T value = std::move(m_values.front());
        m_values.pop_front();
        m_changed.notify_all();
        return value;
    }

    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }

    void abandon()
    {
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
        m_values.clear();
        m_changed.notify_all();
    }

private:
    const std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<T> m_values;
    bool m_finished = false;
    bool m_abandoned = false;
};

} // namespace folio
