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
        <source>The last update of this feed failed</source>
        <translation>此订阅源上次更新失败</translation>
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
</context>
</TS>
