#pragma once

#include <QImage>

namespace folio {

// The sidebar's stand-in for a feed whose own icon is not cached: the familiar feed glyph, white on orange,
// `size` pixels square.
QImage defaultFeedIcon(int size);

} // namespace folio
