"""Label tables: the words and patterns extraction looks for, kept apart from the logic that uses them.

Everything site-independent that extraction "knows" about Chinese (and some English) news templates lives
here, so improving coverage means editing a table, not code.
"""

from __future__ import annotations

# Field labels, longest first within each field so that 资讯来源 wins over 来源.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "source": (
        "资讯来源", "信息来源", "文章来源", "新闻来源", "稿件来源", "内容来源", "消息来源", "本文来源",
        "转载自", "来源于", "来源", "出处", "Source",
    ),
    "author": (
        "撰稿人", "作者", "记者", "撰稿", "撰文", "通讯员", "采写", "编译", "分析师", "Artikel von", "Author", "Autor",
        "By",
    ),
    "editor": (
        "责任编辑", "网络编辑", "本文编辑", "值班编辑", "编审", "责编", "编辑", "Editor",
    ),
    "date": (
        "发布时间", "发表时间", "发布日期", "更新时间", "成文日期", "时间", "日期", "发布于", "Published", "Datum",
        "Date",
    ),
}

# Labels of who supplied a text (供稿): the author when the value is a person's name, not when it is an organisation.
CONTRIBUTOR_LABELS: frozenset[str] = frozenset({"供稿"})

# Chinese labels that may stand without a colon in a '|'-separated info line (发表于… | 来源CSDN | 作者张三).
SEGMENT_LABELS: tuple[str, ...] = ("责任编辑", "作者", "记者", "来源", "编辑")

# Labels that are metadata but not fields we keep; a line made only of these and fields is a metadata line.
OTHER_INFO_LABELS: tuple[str, ...] = (
    "点击次数", "点击数", "点击量", "点击", "浏览次数", "浏览量", "浏览", "阅读量", "阅读次数", "阅读", "访问量",
    "人气", "字号", "字体", "发布者", "发布人", "审核", "校对", "分享到", "分享", "供稿", "录入", "访问次数",
    "所属栏目", "栏目", "标签", "关键词", "关键字", "评论数", "评论", "收藏", "策划", "出品", "摄影", "监制", "统筹",
    "作者单位", "工作单位", "发布单位", "供稿单位", "所属单位", "单位", "Tags",
)

# Values that mean "nobody": stored as null.
PLACEHOLDER_VALUES: frozenset[str] = frozenset(
    {"未知", "本站", "佚名", "不详", "无", "暂无", "网络", "互联网", "admin", "管理员", "unknown", "none", "-", "--"}
)

# Listing block headings -> kind. Matched against the whole (short) heading text.
LISTING_HEADINGS: dict[str, tuple[str, ...]] = {
    "recommended": (
        "推荐内容", "推荐阅读", "推荐资讯", "推荐新闻", "推荐文章", "精彩推荐", "编辑推荐", "图文推荐",
        "为您推荐", "猜你喜欢", "推荐", "Recommended",
    ),
    "hot": (
        "热点内容", "热点推荐", "热门文章", "热门资讯", "热门新闻", "热门推荐", "热点新闻", "热点文章", "热点资讯",
        "点击排行", "阅读排行", "热文排行", "排行榜", "本周热点", "今日热点", "热门", "热点", "排行", "Popular",
        "Most read",
    ),
    "related": (
        "相关文章", "相关阅读", "相关新闻", "相关资讯", "相关内容", "相关链接", "延伸阅读", "相关报道", "Related",
        "Related posts", "Related articles",
    ),
}

# Words (regular expressions) that give a listing heading its kind when it is not in the table above
# (checked in this order).
LISTING_KEYWORDS: dict[str, tuple[str, ...]] = {
    "related": ("相关", "延伸", "关键词阅读", "相似", "同类", "关联", "related", "see also", "ähnliche", "verwandte",
                "mehr zum thema", "weitere artikel", "auch interessant", "lesen sie auch", "articles similaires",
                "à lire aussi", "podobne", "zobacz też", "^more (from|in) ", "^more (stories|news|articles)",
                "read next", "up next", "also read", "further reading",
                # a box's whole heading ('Mehr aus Wirtschaft'), not a subheading ('Mehr aus Liebe als aus Pflicht')
                r"^mehr aus( dem| der| den)? [^\s:]+$", "^weitere (nachrichten|meldungen|beiträge|artikel)$"),
    "recommended": ("推荐", "猜你喜欢", "为你", "为您", "精选", "感兴趣", "可能.{0,2}喜欢", "recommend",
                    "you may also like", "you might", "empfehlung", "empfohlen", "könnte sie auch", "polecane"),
    "hot": ("^热", "热门", "热点", "热帖", "热文", "热榜", "热评", "热议", "热读", "热搜", "排行", "排名", "榜",
            "最受关注", "爱看", "点击最多", "阅读最多", "评论最多", "popular", "trending",
            "most read", "most viewed", "meistgelesen", "beliebteste",
            "^beliebte (artikel|beiträge|themen|nachrichten|meldungen|inhalte|videos)$", "les plus lus",
            "najpopularniejsze", r"top\d+"),
}
# Headings with these words are never listing blocks (search boxes, link exchanges, menus).
# (已推荐/我要推荐: a vote button's state, not a list)
NOT_LISTING_HEADING_PATTERN = (
    r"(已推荐|我要推荐|推荐给|搜索|友情链接|链接|导航|菜单|分类|标签|登录|注册|联系|附件|下载|search|menu|login)"
)

# Lines that belong to page widgets, never to the body (matched with re.search on a whole line).
WIDGET_LINE_PATTERNS: tuple[str, ...] = (
    r"^[【\[]?\s*(打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|返回顶部|返回首页|返回列表|大|中|小)"
    r"\s*[】\]]?(\s*[【\[]?\s*(打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|返回顶部|返回"
    r"首页|返回列表|大|中|小)\s*[】\]]?)*$",
    r"字[体号]\s*[:：]?\s*[【\[]?\s*(大|中|小|默认)",
    r"^(分享到|分享此文|分享本文|分享)\s*[:：]?\s*$",
    r"^分享到",
    r"^(上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇|Previous|Next)\s*[:：]?",
    r"^共\s*\d+\s*页",
    r"^(页码|页数|分页|Pages?)\s*[:：]?\s*(\d+\s*)+$",
    r"^(首页|上一页|下一页|末页|尾页|\d+|\s)+$",
    r"^(\d+\s*){2,}$",
    r"^(相关附件|附件下载)\s*[:：]?\s*$",
    r"^(扫一扫|微信扫一扫|手机扫一扫|扫描二维码)",
    r"^【?(我要纠错|我要评论|发表评论|网友评论)】?",
    r"^(Share|Print|Tweet)(\s*(this|:))?$",
    r"^(正在加载|加载中|载入中|Loading)[.…。]*$",
    # a reprint notice (【版权声明】本文为…原创稿件，未经授权不得转载。) and a post's counters (赞 238 阅读 1.6万)
    r"^([【\[](版权声明|免责声明|声明)[】\]]|(版权声明|免责声明)\s*[:：]).{0,60}(转载|版权)",
    r"^(本文|本站|本网|本报|本刊|本号|此文|文章)[^。]{0,40}(未经(本[站网报社刊]|作者)?(授权|许可|书面许可|同意)[，,]?\s*"
    r"(不得|禁止|严禁)(转载|转发|使用)|转载请注明(出处|来源)?)[^，。]{0,12}[。！!]?$",
    r"^((赞|点赞|阅读|浏览|评论|收藏|在看)(量|数|次数)?\s*[:：]?\s*[\d.]+\s*[万wW]?\+?\s*)+$",
    r"^(自动播放开关|自动播放|Autoplay)(\s*(自动播放|开|关|on|off))*$",
    r"^[<>‹›«»＜＞\s]+$",
    # a breadcrumb that stands beside a short text block (当前位置：首页 » 行业资讯 » 正文; Home > News)
    r"^(当前位置|您的位置|您现在的位置|现在位置|所在位置|位置|当前栏目|You are here)\s*[:：]\s*\S.{0,80}?(»|›|>|＞|→)",
    r"^(首页|网站首页|主页|Home)\s*(-?>{1,2}|»|›|＞|→)\s*\S.{0,80}$",
    # picture credits and media notes (a line of their own)
    r"^(©|\(c\)\s)",
    r"^(Thinkstock|Getty Images|Shutterstock|iStock(photo)?|imago( images)?|picture alliance|dpa|AFP|Reuters|AP)"
    r"(\s*[/|,].{0,40})?$",
    r"^(Foto|Fotos|Bild|Bilder|Photo|Photos|Image|Images|Credit|Credits)\s*[:：©].{0,60}$",
    r"^(Video|Audio) verfügbar bis",
    r"^(Zur Startseite|Zurück zur Übersicht|Back to top|Back to home)$",
    # calls to action: feedback, letters, newsletters (a short line of their own)
    r"^(We want to hear what you think|Submit your letter|Sign up for (our|the) newsletter|Subscribe to (our|the) "
    r"newsletter|Do you want to be informed|Jetzt (den )?Newsletter abonnieren|Newsletter abonnieren).{0,80}$",
    r"^(Sign up|Subscribe|Join now|Click here)( now| here| today)?[.!]?$",
    r"^(Kindly )?share this (story|article)\s*[:：]?$",
    # a pager's line inside the text block: 共 100 条 第5/5页 首页 上页 1 2 3 下页 尾页
    r"^(?=.*(首页|上一?页|下一?页|尾页|末页))(共\s*\d+\s*[条页篇]\s*)?(第\s*\d+\s*/\s*\d+\s*页\s*)?((首页|上一?页|下一?页|尾页|末页|\d+|[\[\]【】<>«»|.…·])\s*){3,}$",
)

# class/id fragments that mark boilerplate containers inside or around the content.
BOILERPLATE_CLASS_PATTERN = (
    r"(^|[\s_-])(sharedaddy|sharing|share|bdshare|bdsharebuttonbox|jiathis|print|pager|pages|epages|dede_pages|pagination|page-links|pagelinks|"
    r"pagelist|page-nav|prevnext|prev-next|pre_next|nextpage|previous|comment|comments|reply|related|recommend|"
    r"hot|tags?|tagcloud|toolbar|tool|tools|fontsize|font-size|breadcrumb|crumbs?|position|location|"
    r"sidebar|side|aside|footer|foot|copyright|nav|navbar|menu|header|topbar|ad|ads|advert|banner|qrcode|"
    r"ewm|byline|meta|info|article-meta|entry-meta|post-meta|sharebox|sns|social|author-bio|author_bio|authorbio|"
    r"about-author|newsletter-signup|newsletter-inline|newsletter-box|signup-box)([\s_-]|$|\d)"
)
# A call to sign up or join, a line of its own of up to PROMO_LINE_CHARS (longer than a widget's line): 'Sign up for
# our weekly newsletter Closing Arguments to get …', 'Join the Severnside Live WhatsApp community for the latest news'.
PROMO_LINE_PATTERN = (
    r"^((Sign up|Subscribe)( now)? (for|to) .{0,60}newsletter|Join (the|our) .{0,60}(WhatsApp|Telegram|community|"
    r"channel) (for|to get))"
)
# A line that points at another story: a label, then the story's linked headline ('Related: <a>…</a>'). Not 相关链接：
# a government notice links the rules it cites or their 政策解读 so, and that line is the notice's own.
POINTER_LINE_PATTERN = (
    r"^(related( stories| articles| coverage)?|read (more|also|next)|see also|also read|more on this( story)?|"
    r"recommended|lesen sie auch|mehr zum thema|auch interessant|(à )?lire aussi|相关阅读|延伸阅读|推荐阅读|相关新闻)"
    r"\s*[:：|]"
)

# class/id fragments that hint at the main content.
CONTENT_CLASS_PATTERN = (
    r"(content|article|text|detail|con_|con\b|^con|body|entry|post|main|news_?txt|zoom|editor|TRS_Editor|"
    r"met_editor|neirong|zhengwen|wenzhang|bt-article|viewbox|cont\b)"
)

# Title element hints (class/id).
TITLE_CLASS_PATTERN = r"(title|headline|biaoti|bt|tit|entry-title|article-title|news_?title|h1)"
# ... and the line under it: a class that says subtitle names no headline
SUBTITLE_CLASS_PATTERN = r"(sub[-_]?title|sub[-_]?head|fu[-_]?bt|fu[-_]?title|vice[-_]?title)"

# Breadcrumb containers and their lead-in text.
BREADCRUMB_CLASS_PATTERN = r"(breadcrumb|crumb|position|location|weizhi|place|nav_?path|current|dqwz|lujing)"
BREADCRUMB_LEADIN = r"(当前位置|您的位置|您现在的位置|现在位置|所在位置|位置|当前栏目)\s*[:：]?"
BREADCRUMB_SEPARATORS = r"\s*(?:>>|»|›|>|＞|→|/|\\|-)\s*"
# A trail that names itself by its form: home first, then an arrow (首页 > 新闻中心 > 正文), whatever its box is called
# (after a short lead that ends with a colon: 'You are here: Home > News')
BREADCRUMB_TRAIL = r"^(?:[^>:：]{1,16}[:：]\s*)?(首页|网站首页|主页|返回首页|home)\s*(-?>{1,2}|»|›|＞|→|/)\s*\S"

# Meta tags that carry a publication date (name/property, lower-cased), strongest first.
DATE_META_NAMES: tuple[str, ...] = (
    "json-ld:datepublished",
    "article:published_time", "pubdate", "publishdate", "publish_date", "publication_date", "og:release_date",
    "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created", "date", "sailthru.date", "firstpublishedtime",
    "weibo:article:create_at", "release_date", "created", "datepublished", "datecreated",
)
# Any other meta whose name has one of these words may carry the date (a last resort), unless it has an excluded one.
DATE_META_WORDS = r"(date|time|publish|update)"
DATE_META_EXCLUDED_WORDS = r"(expire|modif)"
# Words that lead a date without a label colon (发表于 2021-03-02, Posted on March 2, 2021).
DATE_LEAD_PATTERN = (
    r"(发表于|发布于|发表时间|发帖时间|发布时间|posted on|published on|published|veröffentlicht am|erstellt am|"
    r"publié le|publicado el|pubblicato il)\s*[:：]?\s*"
)
# Lines whose date is not the article's (a member's registration, a last login).
NOT_PUBLISHED_LINE_PATTERN = (
    r"^\s*(registriert|registered|joined|member since|mitglied seit|注册时间|注册日期|加入时间|最后登录|"
    r"last (?:login|visit)|建立于|创建于)"
)
# How a photo caption opens: never a headline.
CAPTION_PATTERN = (
    r"^\s*([（(]?图\s*[一二三四五六七八九十\d]*\s*[)）]?\s*[:：为]|图片[:：]|图片来源|摄影[:：]|[（(]?摄影?[:：]|"
    r"photo\s*[:：]|foto\s*[:：]|bild\s*[:：]|image\s*[:：]|pictured\s*[:：])"
)
TITLE_META_NAMES: tuple[str, ...] = ("articletitle", "og:title", "twitter:title", "dc.title", "headline")
SOURCE_META_NAMES: tuple[str, ...] = ("contentsource", "source", "og:site_name_source", "article:source")
AUTHOR_META_NAMES: tuple[str, ...] = ("author", "article:author", "citation_author", "dc.creator", "byline")

# Words of a URL that name a service view, never an article: a whole path segment, a file name's stem or one of
# its "_" parts, or a query key or value (see classify.service_word). Words of a hyphenated slug do not count.
NON_ARTICLE_PATH_WORDS: frozenset[str] = frozenset({
    "login", "logon", "signin", "register", "reg", "logout",  # accounts
    "search", "sousuo", "comment", "comments", "feedback", "guestbook", "pinglun", "reply",  # search, comments
    "print", "printpage", "doprint", "dayin",  # print views of an article
    "download", "down", "soft", "xiazai",  # download centres
    "sitemap", "rss",  # indexes of the site (an about or contact page is prose: its headline decides)
})
# Query keys whose value names the view a dynamic page shows (index.php?m=search, ?action=print).
ACTION_QUERY_KEYS: frozenset[str] = frozenset(
    {"action", "act", "a", "m", "c", "mod", "ac", "op", "do", "view", "module"}
)
# Whole path segments (slugs) that name a service page.
NON_ARTICLE_SEGMENTS: frozenset[str] = frozenset({
    "sign-in", "log-in", "sign-up", "search-results", "site-map",
})
# URL path fragments of listing pages (categories, tags, calendars, pagination).
LIST_URL_PATTERN = (
    r"(/|^|[?&_])(list|lists|category|tag|tags|calendar|page|index|column|channel|node)([/._?&=-]|$)"
    r"|list_\d+(_\d+)?\.html?$|index_\d+\.html?$"
)

# What gives contact details in a sentence (a label, a telephone number, an e-mail, an address): a short page
# about the site in such sentences is its contact card, not prose about it.
CONTACT_PATTERN = r"[:：@]|\d[\d\s-]{6,}|地址|电话|传真|邮编|邮箱|热线|来电|Tel\b|Fax\b|E-?mail"

# The site's footer when it ends a text block (a flat page's last lines): a line that says so for certain, and
# the contact and licence lines that stand beside it (a notice's own 联系电话 line alone is no footer).
FOOTER_MARK_PATTERN = (
    r"版权所有|版权归|Copyright\s*(©|\(c\)|@|&copy;|\d{4})|All Rights Reserved|ICP[备证]|公网安备|技术支持\s*[：:]|"
    r"分辨率|浏览器"
)
FOOTER_LINE_PATTERN = FOOTER_MARK_PATTERN + r"|(地址|电话|传真|邮编|邮箱|E-?mail|主办|承办)\s*[：:]"
# The line that ends a press release ('###', '# # #', '-30-'): what follows is about the sender, not the news.
END_MARK_PATTERN = r"^\s*(?:#\s*#\s*#|-\s*30\s*-)\s*$"
# A company release's legal tail: its heading, then a disclaimer that speaks of forward-looking statements.
LEGAL_TAIL_PATTERN = (
    r"^(?:Forward[- ]Looking Statements|Safe Harbou?r Statement|Cautionary (?:Note|Statement)s? Regarding "
    r"Forward[- ]Looking Statements)\W*$"
)
# A wire story's closing credits ('Reporting by Jane Doe; Additional reporting by …; Editing by John Roe').
CREDIT_LINE_PATTERN = (
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|research)\s+by\s+[A-Z]"
    r"[^.!?]*(?:;\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|research)\s+by\s+[^;]+)*\)?$"
    r"|^Contributing:\s*[A-Z][^.!?]{0,150}\.?$"
)
# Closing credits of names only (matched case-sensitively): '—With assistance from Sven Aaltonen and Rachel Kowal.',
# 'Associated Press writer Maria Lopez contributed to this report.', "CNN's Jane Doe and John Roe contributed to this
# report." (not 'With assistance from the Heritage Fund, the society will…', not '6,200 midwives contributed to…').
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}(?: in [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?)?"  # (a place after)
NAMES_CREDIT_PATTERN = (
    rf"^[—–-]*\s*With assistance from {_NAME}(?:(?:,| and|, and) {_NAME})*\.?$"
    rf"|^(?:[A-Z][\w.]*(?: [A-Z][\w.]*)*(?:['’]s?)? )?"
    rf"(?:(?:staff )?(?:writers?|reporters?|correspondents?|producers?) )?"
    rf"{_NAME}(?:(?:,| and|, and) {_NAME})* (?:also )?contributed to this (?:report|story)\.?$"
)

#: A notice's closing lines (落款) after its text: the date that ends them (2024年3月1日,
#: 二〇二四年三月一日, 2024-03-01, then 印发 or 发布 at most), the sender (an organisation's name ends so),
#: the 特此 line, and the headlines of the official notices that close so (…的通知, …公告（第3号）).
CLOSING_DATE_PATTERN = (
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,2}\s*月"
    r"\s*[一二三四五六七八九十]{1,3}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2})\s*(?:印发|发布)?\s*$"
)
SENDER_PATTERN = (
    r"(协会|分会|学会|商会|联合会|委员会|办公室|办公厅|秘书处|联盟|中心|集团|公司|政府|厅|局|委|部|院|所|处|站"
    r"|社)$"
)
SO_NOTIFIED_PATTERN = r"^特此(通知|公告|通告|函告|公示|说明|证明|批复|函)?[。.！!]?$|^此复[。.]?$"
NOTICE_HEADLINE_PATTERN = (
    r"(通知|通告|公告|公示|决定|意见|办法|规定|细则|通报|批复|复函|函|倡议书?|声明|启事|方案|纪要|邀请)"
    r"\s*(?:[（(][^（）()]{1,16}[）)])?\s*$"
)

# How a list entry's cut teaser ends ('…[详细]', '...', 'Read more').
CUT_TEXT_PATTERN = r"(\.\.\.|…|\[?(更多|详细|详情|阅读全文|全文)\]?|read more|more\s*[»>]+)\s*[»>]*\s*$"

# A download-detail page shows both a file's particulars and a download action (a notice with "点击下载" beside
# its attachments is an article).
DOWNLOAD_DETAIL_PATTERN = r"(文件大小|软件大小|资源大小|下载次数|文件格式|软件语言|运行环境|授权方式)"
DOWNLOAD_ACTION_PATTERN = r"(立即下载|本地下载|下载地址|点击下载|下载说明|高速下载)"

# Extensions of links that are attachments (files), not pages.
ATTACHMENT_EXTENSIONS: frozenset[str] = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "rar", "7z", "wps", "et", "txt", "csv", "ofd"}
)
# Extensions the crawler never fetches as pages.
NON_PAGE_EXTENSIONS: frozenset[str] = ATTACHMENT_EXTENSIONS | frozenset(
    {
        "jpg", "jpeg", "png", "gif", "bmp", "webp", "svg", "ico", "tif", "tiff", "mp3", "mp4", "avi", "flv", "wmv",
        "mov", "swf", "css", "js", "json", "xml", "exe", "apk", "dmg", "gz", "tar", "iso", "woff", "woff2", "ttf",
    }
)

# Query parameters that only track where a visitor came from.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "from", "spm", "share", "isappinstalled", "scene", "clicktime", "enterid", "share_token", "sharer_shareid",
        "sharer_sharetime", "wfr", "fr", "ref", "referer", "source", "src", "timestamp", "_t", "gclid", "fbclid",
        "mc_cid", "mc_eid", "yclid", "_hsenc", "_hsmi", "vd_source", "share_source", "share_medium",
        "phpsessid", "jsessionid", "aspsessionid", "sid", "sessionid", "session_id", "cfid", "cftoken",
    }
)
TRACKING_PARAM_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")

# Page-number query parameters (pagination of lists and articles).
PAGE_PARAMS: frozenset[str] = frozenset({"page", "pageno", "pagenum", "pg", "pn", "pageindex", "curpage", "cp"})

# The reporter named in a dateline: 新华社北京3月2日电（记者 张三 李四）; the names stop at the cut words.
# A news lead names them too, bracketed or not: 本报讯（通讯员 张三）, 本报讯 记者张三 李四报道：
DATELINE_REPORTER_PATTERN = (
    r"[（(]\s*(?:本报|本台|本网)?(?:(?:特约|实习)?记者|通讯员)\s*(?P<name>[^）)]{2,30})[）)]"
    r"|^[【\[]?(?:本报|本网|本刊|本台)讯[】\]]?\s*(?:特约|实习)?(?:记者|通讯员)\s*"
    r"(?P<lead>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,3})\s*报道"
)
DATELINE_NAME_CUT = r"\s*(?:通讯员|实习生|摄影|整合|报道|发自|见习记者).*$"

# Symbols some sites put before a byline (□记者 张三); dropped before matching.
BYLINE_LEAD_SYMBOLS = "□■●◆▲★☆◇○•·"

# Roles of a Chinese byline that names several people ('记者 王燕平 通讯员 方云凤', '（通讯员 史明）'): the names of
# the author roles become the author; photographers' names are left out.
BYLINE_AUTHOR_ROLES = r"(?:首席|特约|实习|见习|驻\w{1,4})?记者|通讯员|作者|撰稿人?|撰文|供稿"
BYLINE_PHOTO_ROLES = r"摄影|摄像|图片|摄"
# What stands before the first role: the publisher ('本报', '新华社', '中国有色金属报').
BYLINE_ORG_LEAD = r"[\u4e00-\u9fff]{0,8}?"
# Endings of a media or organisation name: a source value 'X网 王帆' carries a person's name after it.
SOURCE_ORG_ENDINGS = (
    r"(网|报|社|台|刊|杂志|新闻|频道|客户端|在线|中心|协会|分会|学会|商会|委员会|联合会|局|厅|部|院|所|集团|公司|"
    r"办公室|政府)"
)
# Endings that make a short word after a source part of the source's name ('人民日报 海外版').
SOURCE_NAME_PART_ENDINGS = r"(版|刊|网|报|社|台|端|号|讯|频道|周刊|专栏|观察)$"

# Latin bylines without a label colon, on a whole short line: 'By Jane Doe', 'Von Max Muster am 3. März 2020',
# 'Par Jean Dupont | 12/03/2020'; the name stops at a separator, a date lead word or a digit.
LATIN_BYLINE_PATTERN = (
    r"^(?:(?:story|words|text|reporting|reported|written|guest post) by|by|von|par|por|door|di|av|af)\s+"
    r"(?P<name>[^\d|•·,;:–—]{2,60}?)"
    r"(?:(?<=\w\w)\.)?(?:\s*(?:[|•·,;–—]|\s(?:am|on|le|el|il|um|-)\s|\d|\.\s+(?:photos?|pictures?|images?|video|graphics?)\b).*)?$"
)
# A byline ending a dated line: '12.03.2019 von Max Muster'.
LATIN_TRAILING_BYLINE_PATTERN = r"(?:^|\s)(?:von|by)\s+(?P<name>[A-ZÄÖÜ][\w.\-]+(?:\s+[A-ZÄÖÜ][\w.\-]+){0,3})\s*$"
# Words after a byline's name that end it ('Jane Doe Published 3 May').
LATIN_BYLINE_STOP_WORDS = r"(?:Veröffentlicht|Published|Posted|Updated|Aktualisiert|Publié|Stand)"
# Job titles that may follow a byline's name, glued or spaced ('Jane DoeStaff Writer', 'Max Muster Redakteur').
BYLINE_ROLE_WORDS = (
    r"(?:Staff|Senior|Chief|(?:Writer|Reporter|Correspondent|Contributor|Editor|Columnist)s?|"
    r"Redakteur(?:in(?:nen)?|e)?|Korrespondent(?:in(?:nen)?|en)?|Journalist(?:in(?:nen)?|en)?|Rédacteur|Rédactrice)"
)
# Words of an outlet's or an organisation's name in a byline, never of a person's ('Jane Doe, Associated Press and
# John Roe, Reuters'); matched as whole words.
ORG_NAME_WORDS = (
    r"\b(Press|News|Times|Post|Journal|Herald|Tribune|Gazette|Chronicle|Courier|Observer|Telegraph|Dispatch|"
    r"Sentinel|Monitor|Record|Review|Ledger|Agency|Agentur|Nachrichten|Reuters|"
    r"Bloomberg|Network|Media|Radio|Television|TV|Daily|Weekly|Magazine|Wire|Service|Group|Inc|Ltd|LLC|GmbH|"
    r"Association|University|Institute|Zeitung)\b"
)
# Lower-case words that may join the names of a byline (Jane Doe and John Roe, Jan van Dijk).
NAME_PARTICLES: frozenset[str] = frozenset(
    {"and", "und", "&", "et", "y", "e", "de", "van", "von", "der", "da", "di", "la", "le"}
)

# Byline markup: a class/itemprop/rel token containing one of these words (author, post-author-name, author__name,
# authorname-txt, byline) marks the author, unless the token also has an excluded word (an author's bio, avatar or
# box, a comment's author, a login form's fields, a list of an author's links, a view counter).
AUTHOR_MARKUP_WORDS = r"(author|byline|autor|verfasser|reporter|zuozhe|jizhe)"
AUTHOR_MARKUP_EXCLUDED_WORDS = (
    r"(bio|avatar|img|image|photo|desc|about|social|follow|more|comment|box|info__|description|list|tips|login|"
    r"logon|pwd|form|links|reply|views|count|hits)"
)
# Children of byline markup that hold just the name (a link, or these class tokens / itemprop=name).
AUTHOR_NAME_CHILD_CLASSES = r"(^|\s)(fn|name|username|author-name|url)(\s|$)"
# Words that lead a byline's name in markup ('Beitrag von r23', 'Posted by Jane').
MARKUP_BYLINE_LEAD = (
    r"^((ein\s+)?(beitrag|artikel|bericht)\s*von|posted by|written by|reported by|(guest )?post by|geschrieben von|"
    r"verfasst von)\s*"
)
# Words that start a date in a byline ('Jane Doe am Samstag, ...', 'Jean Dupont le 3 mai').
BYLINE_DATE_LEAD_WORDS = r"(?:am|on|le|el|um)"

# Author bylines inside the body (no label colon), matched on whole short lines.
BYLINE_PATTERNS: tuple[str, ...] = (
    # text by one, photos by another: （文：王珂 图：陈旭）, 文/王珂 摄影/陈旭 (the photographer is no author)
    r"^[（(]?\s*(?:文|撰文)\s*[:：/／]\s*(?P<name>[\u4e00-\u9fff·]{2,4}(?:[、\s]+[\u4e00-\u9fff·]{2,4}){0,3})\s+"
    r"(?:图|摄影|摄)\s*[:：/／]\s*[^()（）:：]{2,20}?\s*[)）]?$",
    r"^[（(]\s*(?:作者|记者|撰稿|文)\s*[:：/／]?\s*(?P<name>[^()（）/／]{2,30}?)\s*[)）]$",
    # 记者 张三, 本报记者 李四 王五, 新华社特约记者 赵六 报道
    r"^[\u4e00-\u9fff]{0,8}?(?:特约|实习|见习)?记者\s*(?P<name>[\u4e00-\u9fff]{2,4}(?:\s*[、，,\s]\s*[\u4e00-\u9fff]{2,4})*)"
    r"(?:\s*(?:报道|摄影?|发自.*))?$",
    r"^(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文图)\s*[:：]\s*(?P<name>[^\s/／:：]{2,20}(?:\s+[^\s/／]{2,20}){0,4})$",
    r"^文\s*[/／|｜]\s*(?P<name>[^\s/／]{2,20}(?:\s+[^\s/／]{2,20}){0,4})$",
    r"^(?:文|撰文|作者)\s*[:：]\s*(?P<name>[^:：\s]{2,20}(?: [^:：\s]{2,20})?)$",
)

# A headline that names a letter, signed at its end by its writer's post and name (会长致辞, 新年贺词, 致会员的一封信;
# Message from the President, Chair's Welcome): signature.py reads a Chinese signature only under one.
LETTER_TITLE_PATTERN = (
    r"致辞|寄语|贺词|贺信|献词|致会员|一封信|公开信|倡议书|慰问信|感谢信|\bmessage from\b|\bletter from\b|"
    r"\b(president|chair|chairman|chairwoman|ceo|director)['’]s (welcome|message|letter|column|report|note)\b|"
    r"\bwelcome from\b|\ba word from\b"
)
