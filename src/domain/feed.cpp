#include "domain/feed.h"

namespace folio {

int toStored(FeedKind kind)
{
    switch (kind) {
    case FeedKind::Web:
        return 1;
    case FeedKind::LocalFolder:
        return 2;
    }
    return 1;
}

std::optional<FeedKind> feedKindFromStored(int stored)
{
    switch (stored) {
    case 1:
        return FeedKind::Web;
    case 2:
        return FeedKind::LocalFolder;
    default:
        return std::nullopt;
    }
}

} // namespace folio
