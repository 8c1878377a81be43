from app.tools.search.ranking import rank


class SearchTool:
    name = "search"

    def run(self, items):
        return rank(items)
