#include "render/gumbotree.h"

#include <cstddef>
#include <cstdlib>

namespace folio {

// Header of every block handed to gumbo; max_align_t keeps the payload as aligned as malloc's.
struct alignas(std::max_align_t) GumboFragment::Block {
    Block* previous;
    Block* next;
};

namespace {

// The doctype gives standards mode. The <wbr>, which root() users skip, turns the frameset-ok flag off as text
// would: a leading <frameset> cannot replace the body, as it cannot in a fragment.
constexpr char kPrologue[] = "<!DOCTYPE html><html><head></head><body><wbr>";

} // namespace

bool GumboFragment::fastPathAccepts(const QByteArray& utf8)
{
    const QByteArray source = QByteArray(kPrologue).append(utf8);
    HtmlArena arena;
    arena.reserve(size_t(source.size()) * 2);
    return parseHtmlFastPath(source.constData(), size_t(source.size()), sizeof kPrologue - 1, arena) != nullptr;
}

GumboFragment::GumboFragment(const QByteArray& utf8, Parser parser)
    : m_source(QByteArray(kPrologue).append(utf8))
{
    if (parser == Parser::Any) {
        m_arena.reserve(size_t(m_source.size()) * 2);
        m_body = parseHtmlFastPath(m_source.constData(), size_t(m_source.size()), sizeof kPrologue - 1, m_arena);
        if (m_body) {
            m_fastPath = true;
            return;
        }
        m_arena.clear();
    }
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &GumboFragment::allocate;
    options.deallocator = &GumboFragment::deallocate;
    options.userdata = this;
    // Each recorded error copies the stack of open elements: quadratic on deep input, and never read.
    options.max_errors = 0;
    m_output = gumbo_parse_with_options(&options, m_source.constData(), size_t(m_source.size()));
    const GumboVector& top = m_output->root->v.element.children;
    for (unsigned i = 0; i < top.length; ++i) {
        const auto* node = static_cast<const GumboNode*>(top.data[i]);
        if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_BODY)
            m_body = node;
    }
}

GumboFragment::~GumboFragment()
{
    while (m_blocks) {
        Block* next = m_blocks->next;
        std::free(m_blocks);
        m_blocks = next;
    }
}

void* GumboFragment::allocate(void* arena, size_t size)
{
    auto* self = static_cast<GumboFragment*>(arena);
    auto* block = static_cast<Block*>(std::malloc(sizeof(Block) + size));
    if (!block)
        std::abort(); // gumbo does not check, and no exception may cross its C frames
    block->previous = nullptr;
    block->next = self->m_blocks;
    if (self->m_blocks)
        self->m_blocks->previous = block;
    self->m_blocks = block;
    return block + 1;
}

void GumboFragment::deallocate(void* arena, void* payload)
{
    if (!payload)
        return;
    auto* self = static_cast<GumboFragment*>(arena);
    Block* block = static_cast<Block*>(payload) - 1;
    if (block->previous)
        block->previous->next = block->next;
    else
        self->m_blocks = block->next;
    if (block->next)
        block->next->previous = block->previous;
    std::free(block);
}

} // namespace folio
