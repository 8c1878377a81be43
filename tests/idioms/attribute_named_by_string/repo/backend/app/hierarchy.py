from app.versioned import fetch_versioned_implementation


def _filter_nodes(ids):
    return ids


def _count_nodes(ids):
    return len(ids)


def filter_nodes(ids):
    impl = fetch_versioned_implementation(
        "app.hierarchy", "_filter_nodes"
    )
    return impl(ids)
