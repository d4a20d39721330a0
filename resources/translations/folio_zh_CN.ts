<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SampleLibrary</name>
    <message>
        <source>Folio samples</source>
        <translation>Folio 示例</translation>
    </message>
</context>
<context>
    <name>folio::FeedController</name>
    <message>
        <source>&amp;Add Feed…</source>
        <translation>添加订阅源(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Import Subscriptions (OPML)…</source>
        <translation>导入订阅列表 (OPML)(&amp;I)…</translation>
    </message>
    <message>
        <source>Import Subscriptions</source>
        <translation>导入订阅列表</translation>
    </message>
    <message>
        <source>OPML files (*.opml *.xml);;All files (*)</source>
        <translation>OPML 文件 (*.opml *.xml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Export Subscriptions (OPML)…</source>
        <translation>导出订阅列表 (OPML)(&amp;E)…</translation>
    </message>
    <message>
        <source>Export Subscriptions</source>
        <translation>导出订阅列表</translation>
    </message>
    <message>
        <source>OPML files (*.opml)</source>
        <translation>OPML 文件 (*.opml)</translation>
    </message>
    <message>
        <source>Keep &amp;Images for Offline Reading</source>
        <translation>保存图片以便离线阅读(&amp;I)</translation>
    </message>
    <message>
        <source>Syncing feeds: %1 of %2…</source>
        <translation>正在同步订阅源：%1 / %2…</translation>
    </message>
    <message>
        <source>Subscribed to %1</source>
        <translation>已订阅 %1</translation>
    </message>
    <message>
        <source>Could not add %1: %2</source>
        <translation>无法添加 %1：%2</translation>
    </message>
    <message>
        <source>Add Feed</source>
        <translation>添加订阅源</translation>
    </message>
    <message>
        <source>Could not add %1:
%2</source>
        <translation>无法添加 %1：
%2</translation>
    </message>
    <message>
        <source>Address of a feed, or of a blog that has one:</source>
        <translation>订阅源地址，或提供订阅源的博客地址：</translation>
    </message>
    <message>
        <source>Not a web address: %1</source>
        <translation>不是网址：%1</translation>
    </message>
    <message>
        <source>Looking for a feed at %1…</source>
        <translation>正在 %1 查找订阅源…</translation>
    </message>
    <message>
        <source>Sync This Feed</source>
        <translation>同步此订阅源</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Copy Feed Address</source>
        <translation>复制订阅源地址</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>Rename Feed</source>
        <translation>重命名订阅源</translation>
    </message>
    <message>
        <source>Name (empty for the feed&apos;s own title):</source>
        <translation>名称（留空则使用订阅源自己的标题）：</translation>
    </message>
    <message>
        <source>Remove Feed</source>
        <translation>移除订阅源</translation>
    </message>
    <message numerus="yes">
        <source>Remove %1 and its %n article(s)? Starred articles go too.</source>
        <translation>
            <numerusform>移除 %1 及其 %n 篇文章？星标文章也会一并移除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a subscription list: %2</source>
        <translation>%1 不是订阅列表：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) imported; fetching them…</source>
        <translation>
            <numerusform>已导入 %n 个订阅源，正在获取…</numerusform>
        </translation>
    </message>
    <message>
        <source>Folio subscriptions</source>
        <translation>Folio 订阅列表</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) exported to %1</source>
        <translation>
            <numerusform>已将 %n 个订阅源导出到 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n 篇新文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) failed</source>
        <translation>
            <numerusform>%n 个订阅源更新失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Making articles searchable: %n done…</source>
        <translation>
            <numerusform>正在建立搜索索引：已完成 %n 篇…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>folio::Library</name>
    <message>
        <source>The library cannot be opened for searching.</source>
        <translation>无法打开文库进行搜索。</translation>
    </message>
</context>
<context>
    <name>folio::MainWindow</name>
    <message>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <source>%1 per page</source>
        <translation>每页 %1 篇</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Previous article</source>
        <translation>上一篇</translation>
    </message>
    <message>
        <source>Next article</source>
        <translation>下一篇</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>星标</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>Choose an article to read it here.</source>
        <translation>选择一篇文章，在这里阅读。</translation>
    </message>
    <message>
        <source>F&amp;eeds</source>
        <translation>订阅源(&amp;E)</translation>
    </message>
    <message>
        <source>more than %1 results</source>
        <translation>超过 %1 条结果</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Leave the search</source>
        <translation>退出搜索</translation>
    </message>
    <message>
        <source>Saved the search “%1” in the sidebar.</source>
        <translation>已将搜索“%1”保存到侧栏。</translation>
    </message>
    <message>
        <source>Remove saved search</source>
        <translation>删除已保存的搜索</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>保存搜索</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <source>Open in &amp;Browser</source>
        <translation>在浏览器中打开(&amp;B)</translation>
    </message>
    <message>
        <source>Mark as &amp;Unread</source>
        <translation>标为未读(&amp;U)</translation>
    </message>
    <message>
        <source>Mark &amp;All as Read</source>
        <translation>全部标为已读(&amp;A)</translation>
    </message>
    <message>
        <source>U&amp;ndo Mark All as Read</source>
        <translation>撤销全部标为已读(&amp;N)</translation>
    </message>
    <message>
        <source>Mark as &amp;Read</source>
        <translation>标为已读(&amp;R)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>This article has no web address.</source>
        <translation>这篇文章没有网址。</translation>
    </message>
    <message>
        <source>No browser opened %1.</source>
        <translation>没有浏览器能打开 %1。</translation>
    </message>
    <message>
        <source>Nothing here is unread.</source>
        <translation>这里没有未读文章。</translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) read. %1 undoes it.</source>
        <translation>
            <numerusform>已将 %n 篇文章标为已读。%1 可撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) unread again.</source>
        <translation>
            <numerusform>%n 篇文章恢复为未读。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>folio::PageBar</name>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
</context>
<context>
    <name>folio::SearchBar</name>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>搜索 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Words, &quot;phrases&quot;, -excluded, tag:NAME, feed:NAME, is:unread, is:starred</source>
        <translation>词语、&quot;短语&quot;、-排除、tag:标签、feed:订阅源、is:unread、is:starred</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>最相关</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新优先</translation>
    </message>
    <message>
        <source>Order of the search results</source>
        <translation>搜索结果的排序</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>保存搜索</translation>
    </message>
    <message>
        <source>Keep this search in the sidebar</source>
        <translation>将此搜索保存在侧栏</translation>
    </message>
</context>
<context>
    <name>folio::SearchModel</name>
    <message>
        <source>Page %1 does not exist.</source>
        <translation>第 %1 页不存在。</translation>
    </message>
</context>
<context>
    <name>folio::SidebarModel</name>
    <message>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>全部文章</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>星标</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>订阅源</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>The last update failed: %1</source>
        <translation>上次更新失败：%1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Folio, a reader for NLP and deep-learning blogs</source>
        <translation>Folio，NLP 与深度学习博客阅读器</translation>
    </message>
    <message>
        <source>The library file.</source>
        <translation>文库文件。</translation>
    </message>
    <message>
        <source>Render the window to OUT.png and exit.</source>
        <translation>将窗口渲染为 OUT.png 后退出。</translation>
    </message>
    <message>
        <source>Open article ID.</source>
        <translation>打开编号为 ID 的文章。</translation>
    </message>
    <message>
        <source>Show the listing of tag T.</source>
        <translation>显示标签 T 的文章列表。</translation>
    </message>
    <message>
        <source>Show page N of the listing.</source>
        <translation>显示列表第 N 页。</translation>
    </message>
    <message>
        <source>light or dark.</source>
        <translation>light（浅色）或 dark（深色）。</translation>
    </message>
    <message>
        <source>Show the search results for Q.</source>
        <translation>显示 Q 的搜索结果。</translation>
    </message>
</context>
</TS>
