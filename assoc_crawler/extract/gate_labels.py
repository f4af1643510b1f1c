"""The page gate's label tables: the words of <title>s, headlines and short texts that say a page is a site's
own page, a service, an error, a consent wall, an archive of issues, or a list of people. Kept apart from the
logic that uses them (classify.py, people_list.py), as labels.py keeps the fields' tables."""

from __future__ import annotations

# Headlines of the site's own pages about itself (an introduction, its statutes, its functions): prose, archived
# as articles with the reason 'site-page' so researchers can leave them out.
SITE_PAGE_TITLE_PATTERN = (
    r"^\s*(关于我们|关于协会|关于本会|关于学会|关于商会|协会简介|学会简介|本会简介|商会简介|分会简介|机构概况|机构简介|"
    r"机构设置|组织机构|主要职责|职能职责|机构职能|内设机构|领导简介|领导班子|协会章程|入会指南|入会须知|会员服务|"
    r"About( us)?)\s*([:：\-_|｜].*)?$"
)
# Headlines of service pages (contact, sitemap, login, search, comments, messages ...): never articles.
SERVICE_TITLE_PATTERN = (
    r"^\s*(联系我们|联系方式|网站地图|版权声明|免责声明|隐私政策|法律声明|会员登录|"
    r"会员注册|用户登录|用户注册|站内搜索|搜索结果|留言板|在线留言|"
    r"Contact( us)?|Sitemap|Privacy( policy)?|"
    r"网友评论|评论列表|查看评论|发表评论|全部评论|打印本页|打印文章|信息提示|系统提示|操作提示|下载中心|资料下载|"
    r"文件下载|友情链接|相关网站)"
    r"\s*([:：\-_|｜].*)?$"  # the whole headline, or the name before a colon ('网友评论：<title>'), not 'About the ...'
    r"|(提示信息|系统提示)\s*[!！]?\s*$"  # a CMS's message page ('DedeCMS 提示信息！')
)
# Headlines of a web server's own pages (its default page, a crash report, a firewall's block): whatever their length.
SERVER_PAGE_TITLE_PATTERN = (
    r"^\s*(it works!?|welcome to nginx!?|apache2?\b.{0,30}default page.*|test page for the .{0,40}server.*|"
    r"iis windows server|runtime error|server error in '.{0,80}' application\.?|网站防火墙|安全狗.*拦截.*)\s*$"
)
# Headlines of error pages served with 200 (only a short page counts: an article about a 404 is long).
ERROR_TITLE_PATTERN = (
    r"页面不存在|页面未找到|找不到(该|此|您要的|您访问的)?页面|网页不存在|页面已(被)?删除|文章不存在|"
    r"信息不存在|内容不存在|出错了|错误提示|page not found|error 404|404 error|seite nicht gefunden|page introuvable|"
    r"página no encontrada"
)
# The first part of a sign-up page's <title> (read on undated pages with a form only: a story may be headlined so).
SIGNUP_TITLE_PATTERN = (
    r"^\s*(Newsletters?|Newsletter sign[- ]?up|Sign up for .{1,60}|Subscribe to .{1,60}|"
    r"Join( us| the [\w'’&-]+( [\w'’&-]+){0,3})?|"
    r"Become a member.{0,60}|Membership application|入会申请|申请入会|在线申请)\s*$"
)
# A consent wall's text (the IAB framework's wording, a cookie banner's buttons): a page of it is no article.
CONSENT_TEXT_PATTERN = (
    r"store and/or access information on a device|we and our (\d+ )?(partners|vendors)|legitimate interest|"
    r"(accept|reject|refuse|manage) (all )?cookies|cookie (settings|preferences|policy)|personalised ads and content|"
    r"unique identifiers in cookies"
)
# An error's bare name, as a whole headline or a whole part of <title> ('404', 'Not Found', 'Page not found | Site');
# inside a headline '404' and 'not found' are a story's words ('Missing hiker not found', 'Highway 404 reopens').
ERROR_TITLE_PART_PATTERN = (
    r"^\W*(http\s+(status|error)\W*)?(error\W*)?(404\W*)?(error\W*)?(page not found|not found|seite nicht gefunden|"
    r"page introuvable|página no encontrada|页面不存在|页面未找到|找不到页面|网页不存在|页面找不到了?)?\W*$"
    # a page that moved with a site's move, or that is gone: This page has moved; 页面已迁移; This content is no longer
    # available; This story has expired
    r"|^\W*((this )?page (has )?(been )?moved|页面已(经)?迁移|"
    r"(this )?(content|page|article|story|item) (is )?no longer available|"
    r"(this )?(content|page|article|story) has (expired|been removed|been archived))\W*$"
    # a site down for maintenance, as a bare status: 系统维护中，暂停访问; Service temporarily unavailable
    r"|^\W*((系统|网站|平台|页面)(正在)?(维护|升级)中\W*(暂停访问|请稍后(再)?访问)?|(503\W*)?(service )?temporarily "
    r"unavailable|(503\W*)?service unavailable|(this )?(site|website) is (currently )?(down for|under) maintenance|"
    r"(down for|under) maintenance)\W*$"
)
# A page the reader may not see or a service's answer, as a whole <title> part or headline of an undated page (a
# dated letter may be headed 'Access denied', a column 'Unsubscribe'): Access restricted; 403 Forbidden; Members
# only; You've been unsubscribed; 无权访问.
ACCESS_STATUS_PATTERN = (
    r"^\W*((403\W*)?(access (restricted|denied)|forbidden)|members[- ]only( content| area)?|无权(限)?访问|权限不足|"
    r"访问受限)\W*$"
)
UNSUBSCRIBED_PATTERN = r"^\W*(unsubscribe( confirmation)?|you['’]ve been unsubscribed|退订成功|取消订阅成功)\W*$"
# The whole headline or <title> part of a page of past issues ('Newsletter Archive', 'The Peg: Magazine Archive',
# 'Back issues', 往期回顾, 过刊浏览; not 'From the Archives' nor '… Adds 40 Interviews to Its Archive'), and what an
# issue's file is called (Vol. 3, No. 2; Spring 2024; 2023年第4期).
ARCHIVE_TITLE_PATTERN = (
    r"^\W*((?!(from|to|in|into|of|its|our|their|your|adds?)\b)[\w'’&-]+:?\s+){0,3}"
    r"(archives?|back issues|past issues)\W*$"
    r"|^\W*(往期回顾|过刊浏览|往期期刊|历史期刊)\W*$"
)
# The whole headline or <title> part of a collection's index page ('Member Directory', 'Resource Library', 'Photo
# Gallery', 'Media Centre', 'Upcoming Events', 'Job Bank', 图片新闻, 专家库, 会员名录): read with entries that outweigh
# the page's text (collection.py). A story is headed by what happened, not by a collection's name.
_COLLECTION_COMPOUND = (
    r"((member|supplier|company|business|buyers'?|industry|staff|expert|resource|product)s?\s+directory|"
    r"(resource|document|publications?|reports?|video|media|photo|image|digital)\s+(library|centre|center|hub)|"
    r"(photo|image|video|media)\s+(gallery|galleries|albums)|photo albums|"
    r"media\s+(centre|center|room|library|hub)|press\s+(room|centre|center)|"
    r"events?\s+(calendar|listings?|list)|jobs?\s+(bank|board|openings|vacancies|opportunities|listings)|"
    r"career\s+(centre|center|opportunities))"
)
_COLLECTION_BARE = (
    r"(directory|resources|publications|reports|downloads|documents|galleries|videos|multimedia|newsroom|events|"
    r"calendar|webinars|podcasts|jobs|careers|vacancies|openings)"
)
# A calendar's view of some dates ('Events from March 1 – April 27', 'Events for May 2024'), read at a text's start.
CALENDAR_VIEW_PATTERN = r"^\W*((upcoming|past)\s+)?events\s+(from|for)\s+[^|:]{0,30}\d"
_COLLECTION_OTHER = (  # a calendar's view, a careers page's call, Chinese columns of collections
    "|" + CALENDAR_VIEW_PATTERN + r"[^|:]*$|^\W*(work with us|join our team)\W*$"
    r"|^\W*(图片新闻|图片中心|图片报道|视频中心|视频新闻|视频专区|专家库|专家名录|会员名录|会员单位|会员风采|标准规范|"
    r"政策法规|活动日历|招聘信息|人才招聘)\W*$"
)
COLLECTION_TITLE_PATTERN = (
    # up to three words before a compound name, and a category after it ('Supplier Directory: Equipment &
    # Machinery'); one word at most before a bare name ('Directory', 'Our Publications', 'Upcoming Events')
    r"^\W*((?!(from|to|in|into|of|its|adds?|new|more|latest|top|best|releases?|launch(es)?|introducing)\b)"
    r"[\w'’&-]+:?\s+){0,3}" + _COLLECTION_COMPOUND + r"(\s*:\s*[^:|]{1,40})?\W*$"
    r"|^\W*((?!(new|more|latest|top|best)\b)[\w'’&-]+\s+)?" + _COLLECTION_BARE + r"\W*$" + _COLLECTION_OTHER
)
# On a dated page only a collection's name alone heads its index ('Events', 'Our Publications', 'Media Centre'); a
# story's headline may end with one ('2024 Awards Gala Photo Gallery', 'Introducing the Member Directory').
DATED_COLLECTION_TITLE_PATTERN = (
    r"^\W*((our|the|all|upcoming|past|current)\s+)?(" + _COLLECTION_COMPOUND + "|" + _COLLECTION_BARE + r")\W*$"
    + _COLLECTION_OTHER
)
ISSUE_FILE_PATTERN = (  # (in a link's text or its file's name: The-Peg-36-Winter-2024.pdf, spectrum_spring2019.pdf)
    r"(vol\.?|volume|no\.|issue)[\s_-]*\d|(spring|summer|fall|autumn|winter|january|february|march|april|june|july|"
    r"august|september|october|november|december)[\s_-]*(19|20)\d\d|第\s*\d+\s*期"
)
# The message of an error page's short text (the headline may be the site's name or anything).
ERROR_TEXT_PATTERN = (
    r"(页面|网页|信息|内容|文章)(已经?)?(不存在|被删除|已删除|未找到)|不存在或已(被)?删除|出错了|秒后自动跳转|"
    r"page (you requested )?(was )?not found|no longer available|seite (wurde )?nicht gefunden|"
    # a web server's default page, a firewall's block page: no page of the site at all
    r"welcome to nginx|it works!|apache2? .{0,20}default page|test page for the (apache|nginx)|"
    r"网站防火墙|请求带有不合法参数|已被网站管理员设置拦截|访问被拒绝|access denied"
)
# An error page's message as the first words of its short text ('Sorry, the page you were looking for could not be
# found', 'Oops! That page can't be found'); anywhere else in a text, the same words are a notice's advice.
ERROR_LEAD_PATTERN = (
    r"^\W{0,3}((sorry|oops|error|404|we['’]re sorry)\W{1,3}\s*)?"
    r"((the|this|that) (page|article|story|content)( (that )?you(['’]re| are| were)? (looking|searching) for| you "
    r"requested)?( (could not|couldn['’]t|cannot|can['’]t|can not) be found| (does not|doesn['’]t|no longer) exists?)"
    r"|we (could not|couldn['’]t|can['’]t|cannot) find (the|that|this) (page|article|story)"
    # German, French, Spanish: 'Die gesuchte Seite wurde leider nicht gefunden', 'La page demandée est introuvable'
    r"|(die|diese) (\w+ ){0,3}seite (\w+ ){0,2}(nicht (gefunden|gefunden werden|mehr verfügbar)|existiert nicht)"
    r"|la page (\w+ ){0,3}(est introuvable|n['’]existe pas|n['’]a pas été trouvée)"
    r"|la página (\w+ ){0,3}no (existe|se (ha )?encontr))"
)

# A paywall's word that the rest of the story is for subscribers ('Continue reading your article with a CJ
# membership', 'Subscribe to keep reading', 登录后查看全文): with a short text, a story cut by a subscription box (or
# a whole brief under a metered wall's box): a doubtful article.
PAYWALL_PATTERN = (  # (read at a line's start)
    r"\W*(\bcontinue reading (your article |this article |this story |the full article )?(with|by becoming) (a|an) "
    r"[^.]{0,40}\b(membership|subscription|member|subscriber)"
    r"|\b(subscribe|sign ?in|log ?in|register) (now )?to (continue|keep) reading"
    r"|(登录|登陆|订阅|开通会员|付费)(后|即可)?(查看|阅读)全文)"
)
# A members' wall's word that the rest of the story is for members only ('The rest of this article is available to
# members', 'This article is only available to subscribers', 剩余内容仅会员可见): with a login box beside a short text
# (not the header's), the page is a teaser of a story the archive cannot have (a metered wall's 'Log in to continue
# reading' is not).
MEMBERS_ONLY_PATTERN = (  # (read at a line's start; not 'This paper is available to members only', a file's)
    r"\W*(\b(the )?rest of (this|the) (article|story|post) is (only )?(available|reserved|open) (to|for) "
    r"(paying |paid )?(members|subscribers)"
    r"|\bthis (article|story|post) is (only )?(available |reserved )?(to|for) (paying )?(members|subscribers)( only)?\b"
    r"|(剩余|余下)(内容)?(仅|需)?(限)?(会员|订阅用户)(可见|阅读|查看))"
)

# A person's post in a list of people (a board, a secretariat's staff, an expert committee): 姓名 + 职务.
PERSON_ROLE_WORDS_ZH = (
    r"会长|秘书长|理事长|理事|监事长|监事|主任|委员|教授|研究员|工程师|总经理|董事长|经理|处长|部长|科长|干事|专员|主席|"
    r"书记|院长|所长|顾问|局长|厅长|司长|市长|县长|区长|镇长|党组成员|调研员|巡视员"
)
PERSON_ROLE_WORDS_EN = (
    r"\b(Chair(man|woman|person)?|President|Director|Treasurer|Secretary|Manager|Officer|Professor|CEO|CFO|COO|"
    r"Trustee|Executive|Editor|Coordinator|Counsel|Engineer|Superintendent|Supervisor|Specialist|Analyst|"
    r"Administrator|Inspector|Planner|Consultant|Adviser|Advisor|Founder|Partner|Deputy|Member)\b"
)

# A headline naming a body of people (Board of Directors, Staff Directory, 专家委员会委员名单, 秘书处), and the words of
# news about people (New Board Elected, Awards Presented, 协会领导班子调整, 新任副会长简介): a list of people needs the
# first and none of the second.
PEOPLE_HEADLINE_PATTERN = (
    r"\b(board|staff|committee|council|team|directory|trustees|officers|leadership|experts|faculty|people|"
    r"secretariat|governance|who we are)\b|委员会|理事会|监事会|秘书处|名单|名录|专家|领导|班子|成员|团队|组织机构"
)
PEOPLE_NEWS_PATTERN = (
    r"\b(elect(s|ed)?|appoint(s|ed)?|announc(es|ed)|present(s|ed)|welcome[sd]?|join(s|ed)?|named|new|meet|"
    r"introduc(es|ed|ing))\b|调整|增选|简介|公示|揭晓|当选|表彰|任命|选举|新任|换届|聘任|通知|公告|决定|通报|会议|分赴|调研|"
    r"检查|慰问|关于"
)
