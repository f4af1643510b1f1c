<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>活动日历-江海市五金制品行业协会</title>
<meta name="description" content="" />
<meta name="keywords" content="五金,行业协会,江海" />
<meta name="generator" content="MetInfo 4.0" />
<link href="../favicon.ico" rel="shortcut icon" />
<link rel="stylesheet" type="text/css" href="../templates/metv4/images/css/metinfo.css" />
<script src="../public/js/jQuery1.7.2.js" type="text/javascript"></script>
</head>
<body>
<header>
<div class="inner">
 <div class="top-logo">
  <a href="../" title="江海市五金制品行业协会" id="web_logo"><img src="../upload/201901/logo.png" alt="江海市五金制品行业协会" title="江海市五金制品行业协会" /></a>
  <ul class="top-nav list-none">
   <li class="t"><a href="#" onclick="SetHome(this,window.location,'非IE浏览器不支持此功能，请手动设置！');" style="cursor:pointer;">设为首页</a><span>|</span><a href="#" onclick="addFavorite('江海市五金制品行业协会');" style="cursor:pointer;">收藏本站</a><span>|</span><a href="../member/login.php?lang=cn">会员登录</a><span>|</span><a href="../member/register_include.php?lang=cn">会员注册</a></li>
   <li class="b"><form method="get" action="../search/search.php"><input type="hidden" name="lang" value="cn" /><input type="text" name="searchword" class="searchword" /><input type="submit" value="搜索" class="searchgo" /></form></li>
  </ul>
 </div>
 <nav><ul class="list-none">
   <li class="line"></li><li><a href="../" title="网站首页" class="nav"><span>网站首页</span></a></li>
   <li class="line"></li><li><a href="../about/show.php?id=12" title="关于协会" class="nav"><span>关于协会</span></a></li>
   <li class="line"></li><li><a href="news.php?class1=2" title="新闻资讯" class="nav"><span>新闻资讯</span></a></li>
   <li class="line"></li><li><a href="news.php?class1=2&amp;class2=5" title="协会动态" class="nav"><span>协会动态</span></a></li>
   <li class="line"></li><li><a href="news.php?class1=2&amp;class2=6" title="行业资讯" class="nav"><span>行业资讯</span></a></li>
   <li class="line"></li><li><a href="news.php?class1=2&amp;class2=7" title="通知公告" class="nav"><span>通知公告</span></a></li>
   <li class="line"></li><li><a href="../message/index.php?lang=cn" title="在线留言" class="nav"><span>在线留言</span></a></li>
   <li class="line"></li><li><a href="../about/show.php?id=13" title="联系我们" class="nav"><span>联系我们</span></a></li>
 </ul></nav>
</div>
</header>
<div class="sidebar inner">
<aside>
 <h2 class="title"><span>新闻资讯</span></h2>
 <div class="active" id="sidebar" data-csnow="0" data-class3="0" data-jsok="2">
   <dl class="list-none navnow"><dt id="part2_5"><a href="news.php?class1=2&amp;class2=5" title="协会动态"><span>协会动态</span></a></dt></dl>
   <dl class="list-none navnow"><dt id="part2_6"><a href="news.php?class1=2&amp;class2=6" title="行业资讯"><span>行业资讯</span></a></dt></dl>
   <dl class="list-none navnow"><dt id="part2_7"><a href="news.php?class1=2&amp;class2=7" title="通知公告"><span>通知公告</span></a></dt></dl>
 </div>
 <div class="sidebox hotnews">
  <h3 class="title"><span>热门文章</span></h3>
  <ul class="list-none">
    <li><a href="shownews.php?id=45" title="协会召开第三届会员代表大会第二次会议" target="_self">协会召开第三届会员代表大会第二次...</a></li>
    <li><a href="shownews.php?id=44" title="2020年江海市五金制品出口情况简析" target="_self">2020年江海市五金制品出口情况...</a></li>
    <li><a href="shownews.php?id=41" title="锁具行业团体标准《智能门锁通用技术要求》启动编制" target="_self">锁具行业团体标准《智能门锁通用技...</a></li>
    <li><a href="shownews.php?id=43" title="协会组织会员企业参加第十二届华东国际五金工具博览会" target="_self">协会组织会员企业参加第十二届华东...</a></li>
    <li><a href="shownews.php?id=42" title="关于举办五金制品企业安全生产标准化培训班的通知" target="_self">关于举办五金制品企业安全生产标准...</a></li>
  </ul>
 </div>
 <div class="sidebox recnews">
  <h3 class="title"><span>推荐资讯</span></h3>
  <div class="reclist">
    <dl><dt><a href="shownews.php?id=44" title="2020年江海市五金制品出口情况简析">2020年江海市五金制品出口情况简析</a></dt><dd>2020年，受新冠肺炎疫情影响，全球五金制品市场需求一度大幅萎缩。随着国...</dd></dl>
    <dl><dt><a href="shownews.php?id=41" title="锁具行业团体标准《智能门锁通用技术要求》启动编制">锁具行业团体标准《智能门锁通用技术要求》启动编制</a></dt><dd>8月7日，由江海市五金制品行业协会牵头组织的团体标准《智能门锁通用技术要...</dd></dl>
    <dl><dt><a href="shownews.php?id=45" title="协会召开第三届会员代表大会第二次会议">协会召开第三届会员代表大会第二次会议</a></dt><dd>3月12日，江海市五金制品行业协会第三届会员代表大会第二次会议在江海国际...</dd></dl>
  </div>
 </div>
 <div class="sidebox calendar">
  <h3 class="title"><span>活动日历</span></h3>
  <p><a href="calendar.php?month=2021-02">查看协会活动日历</a></p>
 </div>
</aside>

 <article>
  <div class="active" id="calendar">
   <div class="met_position">当前位置：<a href="../" title="网站首页">网站首页</a> &gt; <a href="news.php?class1=2">新闻资讯</a></div>
   <table class="met_calendar">
    <caption>活动日历</caption>
    <thead><tr><th>一</th><th>二</th><th>三</th><th>四</th><th>五</th><th>六</th><th>日</th></tr></thead>
    <tbody>
<tr><td colspan="7">本月暂无活动安排</td></tr>
    </tbody>
   </table>
   <div class="calendar-nav"><a href="calendar.php?month=2021-05">&lt; 上一月</a> <a href="calendar.php?month=2021-07">下一月 &gt;</a></div>
  </div>
 </article>
</div>
<footer>
 <div class="inner">
  <div class="foot-nav"><a href="../about/show.php?id=12" title="关于协会">关于协会</a><span>|</span><a href="../about/show.php?id=13" title="联系我们">联系我们</a><span>|</span><a href="../message/index.php?lang=cn" title="在线留言">在线留言</a></div>
  <div class="foot-text">
   <p>江海市五金制品行业协会 版权所有 2008-2021 江ICP备09012345号</p>
   <p>地址：江海市经济开发区五金大道168号 电话：0000-86881234 传真：0000-86881235</p>
   <p class="powered_by_metinfo">Powered by <b><a href="https://www.metinfo.cn" target="_blank" title="企业网站管理系统">MetInfo 4.0</a></b> &copy;2008-2021 <a href="https://www.metinfo.cn" target="_blank" title="MetInfo">www.MetInfo.cn</a></p>
  </div>
 </div>
</footer>
<script src="../public/js/fun.inc.js" type="text/javascript"></script>
</body>
</html>
