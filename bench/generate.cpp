// folio-bench-generate DIR N [--seed S]
//
// Writes N synthetic Markdown posts (~3–4 KB each) into DIR/0000, DIR/0001, … (1,000 per folder). The
// output depends only on N and the seed: the same arguments give byte-identical files on every machine.
// Front matter: ~95% YAML (tags as a flow list, a block list or a Jekyll space-separated string), ~5% TOML.
#include "benchcommon.h"
#include "vocabulary.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace folio::bench;

namespace {

constexpr int kPostsPerFolder = 1000;
constexpr double kTomlShare = 0.05;

std::string paragraph(SplitMix64& rng, int sentences)
{
    std::string out;
    for (int i = 0; i < sentences; ++i)
        out += sentence(rng);
    return out + "\n\n";
}

struct Stamp {
    std::string rfc3339; // 2026-03-14T09:30:00+08:00
    std::string loose;   // 2026-03-14 09:30:00 +0800 (a form blogs write and YAML keeps as text)
};

Stamp dateIn2026(SplitMix64& rng)
{
    static const int daysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}; // 2026 is not a leap year
    int day = int(rng.below(365)), month = 0;
    while (day >= daysIn[month])
        day -= daysIn[month++];
    const int second = int(rng.below(86400));
    const double z = rng.unit();
    const char* offset = z < 0.70 ? "+08:00" : z < 0.85 ? "Z" : z < 0.95 ? "-05:00" : "+05:30";
    char base[32], rfc[48], loose[48];
    std::snprintf(base, sizeof base, "2026-%02d-%02d", month + 1, day + 1);
    std::snprintf(rfc, sizeof rfc, "%sT%02d:%02d:%02d%s", base, second / 3600, second / 60 % 60, second % 60, offset);
    std::string compact = std::strcmp(offset, "Z") == 0 ? std::string("+0000") : std::string(offset);
    compact.erase(std::remove(compact.begin(), compact.end(), ':'), compact.end());
    std::snprintf(loose, sizeof loose, "%s %02d:%02d:%02d %s", base, second / 3600, second / 60 % 60, second % 60,
                  compact.c_str());
    return {rfc, loose};
}

std::string inQuotes(const std::string& text)
{
    return "\"" + text + "\"";
}

std::string frontMatter(SplitMix64& rng, long index, bool toml)
{
    static const Zipf tagRanks(int(tagVocabulary().size()), 1.1);
    const std::string title = rng.pick(chineseTerms()) + (rng.chance(0.5) ? "与 " : "、") + rng.pick(englishTerms()) +
                              "：" + rng.pick(titleSuffixes()) + "（" + std::to_string(index + 1) + "）";
    const Stamp date = dateIn2026(rng);
    std::vector<std::string> tags;
    for (int rank : tagRanks.drawDistinct(rng, rng.between(2, 4)))
        tags.push_back(tagVocabulary()[std::size_t(rank)]);
    const bool withSummary = rng.chance(0.3);
    const std::string summary = withSummary ? sentence(rng) : std::string();

    std::string out;
    if (toml) {
        out += "+++\ntitle = " + inQuotes(title) + "\ndate = " + date.rfc3339 + "\ntags = [";
        for (std::size_t i = 0; i < tags.size(); ++i)
            out += (i ? ", " : "") + inQuotes(tags[i]);
        out += "]\n";
        if (withSummary)
            out += "summary = '''" + summary + "'''\n";
        return out + "+++\n\n";
    }
    out += "---\ntitle: " + inQuotes(title) + "\ndate: " + (rng.chance(0.8) ? date.rfc3339 : date.loose) + "\n";
    const bool spaced =
        std::any_of(tags.begin(), tags.end(), [](const std::string& t) { return t.find(' ') != t.npos; });
    const double style = rng.unit();
    if (style < 0.15 && !spaced) { // Jekyll: one string, tags separated by spaces
        out += "tags:";
        for (const std::string& tag : tags)
            out += " " + tag;
        out += "\n";
    } else if (style < 0.55) {
        out += "tags: [";
        for (std::size_t i = 0; i < tags.size(); ++i)
            out += (i ? ", " : "") + tags[i];
        out += "]\n";
    } else {
        out += "tags:\n";
        for (const std::string& tag : tags)
            out += "  - " + tag + "\n";
    }
    if (withSummary)
        out += "summary: '" + summary + "'\n";
    if (rng.chance(0.2))
        out += "author: Folio Bench\n";
    return out + "---\n\n";
}

std::string body(SplitMix64& rng, std::size_t targetBytes, std::size_t frontBytes)
{
    std::string out = paragraph(rng, rng.between(2, 3));
    if (rng.chance(0.4))
        out += "<!--more-->\n\n";
    out += "## " + rng.pick(headings()) + "\n\n" + paragraph(rng, 2) + rng.pick(displayMath()) + "\n";
    out += paragraph(rng, rng.between(1, 3));
    if (rng.chance(0.35))
        out += rng.pick(codeBlocks()) + "\n";
    // Sections of prose until the post reaches its target size.
    while (frontBytes + out.size() < targetBytes) {
        if (rng.chance(0.3))
            out += "## " + rng.pick(headings()) + "\n\n";
        std::string para = sentence(rng);
        while (para.size() < 600 && frontBytes + out.size() + para.size() < targetBytes)
            para += sentence(rng);
        out += para + "\n\n";
    }
    return out;
}

int usage()
{
    std::fprintf(stderr, "usage: folio-bench-generate DIR N [--seed S]\n");
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc < 3)
        return usage();
    const fs::path dir = argv[1];
    char* end = nullptr;
    const long count = std::strtol(argv[2], &end, 10);
    if (*end != '\0' || count < 1)
        return usage();
    std::uint64_t seed = 42;
    for (int i = 3; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else
            return usage();
    }

    const auto started = std::chrono::steady_clock::now();
    std::uint64_t totalBytes = 0;
    long tomlPosts = 0;
    for (long i = 0; i < count; ++i) {
        // Each post has its own stream, so post i is the same whatever N is.
        SplitMix64 rng(seed * 0x100000001B3ull + std::uint64_t(i));
        const bool toml = rng.chance(kTomlShare);
        tomlPosts += toml;
        const std::string front = frontMatter(rng, i, toml);
        const std::string text = front + body(rng, std::size_t(rng.between(3200, 3900)), front.size());

        char folder[32], name[48];
        std::snprintf(folder, sizeof folder, "%04ld", i / kPostsPerFolder);
        std::snprintf(name, sizeof name, "post-%07ld.%s", i, i % 10 == 9 ? "markdown" : "md");
        const fs::path sub = dir / folder;
        if (i % kPostsPerFolder == 0) {
            std::error_code ec;
            fs::create_directories(sub, ec);
            if (ec) {
                std::fprintf(stderr, "folio-bench-generate: cannot create %s: %s\n", sub.c_str(), ec.message().c_str());
                return 1;
            }
        }
        std::ofstream file(sub / name, std::ios::binary | std::ios::trunc);
        file.write(text.data(), std::streamsize(text.size()));
        if (!file) {
            std::fprintf(stderr, "folio-bench-generate: cannot write %s\n", (sub / name).c_str());
            return 1;
        }
        totalBytes += text.size();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("generated %s posts (%s with TOML front matter) in %s, seed %llu\n", grouped(count).c_str(),
                grouped(tomlPosts).c_str(), dir.c_str(), static_cast<unsigned long long>(seed));
    std::printf("total %s bytes (%.1f MB), mean %.0f bytes/post, %.2f s\n", grouped((long long)totalBytes).c_str(),
                double(totalBytes) / 1e6, double(totalBytes) / double(count), seconds);
    return 0;
}
