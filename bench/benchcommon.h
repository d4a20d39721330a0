#pragma once

// Small helpers shared by Folio's benchmarks: a deterministic PRNG, a Zipf-like sampler, percentiles and
// peak memory. Header-only and free of Qt so the generator needs nothing else.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace folio::bench {

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast and the same on every platform, unlike <random>'s
// distributions, whose output the standard leaves to the implementation.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed)
        : m_state(seed)
    {
    }

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n); n > 0. The modulo bias is irrelevant at benchmark sizes.
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    int between(int lo, int hi) { return lo + int(below(std::uint64_t(hi - lo + 1))); } // inclusive
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }         // [0, 1)
    bool chance(double p) { return unit() < p; }
    template <typename T> const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

private:
    std::uint64_t m_state;
};

// Ranks 0..n-1 drawn with weight 1/(rank+1)^s: a few ranks are very common, most are rare.
class Zipf {
public:
    Zipf(int n, double s)
    {
        double total = 0;
        for (int k = 0; k < n; ++k)
            m_cumulative.push_back(total += 1.0 / std::pow(k + 1, s));
        for (double& c : m_cumulative)
            c /= total;
    }
    int draw(SplitMix64& rng) const
    {
        const auto it = std::lower_bound(m_cumulative.begin(), m_cumulative.end(), rng.unit());
        return int(std::min<std::ptrdiff_t>(it - m_cumulative.begin(), std::ptrdiff_t(m_cumulative.size()) - 1));
    }
    // `count` distinct ranks.
    std::vector<int> drawDistinct(SplitMix64& rng, int count) const
    {
        std::vector<int> out;
        while (int(out.size()) < count) {
            const int k = draw(rng);
            if (std::find(out.begin(), out.end(), k) == out.end())
                out.push_back(k);
        }
        return out;
    }

private:
    std::vector<double> m_cumulative;
};

// Nearest-rank percentile (p in [0, 100]) of the samples; sorts a copy.
inline double percentile(std::vector<double> samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(samples.size())));
    return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}
inline double median(const std::vector<double>& samples)
{
    return percentile(samples, 50);
}

// The process's peak resident set so far, in MB (Linux reports ru_maxrss in KiB).
inline double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// CPU time this process has used so far (user + system), in seconds: unlike wall time, it does not grow when
// other jobs compete for the cores.
inline double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto s = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return s(usage.ru_utime) + s(usage.ru_stime);
}
inline double systemCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_stime.tv_sec) + double(usage.ru_stime.tv_usec) / 1e6;
}

// "123456" → "123,456", for readable figures.
inline std::string grouped(long long n)
{
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

} // namespace folio::bench
