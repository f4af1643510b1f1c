<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>中国有色金属工业协会再生金属分会</title>
<meta name="keywords" content="再生金属,再生铜,再生铝,再生铅,再生锌,有色金属" />
<meta name="description" content="中国有色金属工业协会再生金属分会是中国有色金属工业协会的分支机构，致力于推动我国再生有色金属产业健康发展。" />
<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
<script language="javascript" type="text/javascript" src="/include/dedeajax2.js"></script>
<script language="javascript" type="text/javascript" src="/templets/default/js/common.js"></script>
</head>
<body class="index">
<div class="header_top">
  <div class="w960 center">
    <span id="time" class="time">欢迎访问中国有色金属工业协会再生金属分会网站！</span>
    <div class="toplinks"><a href="/member/login.php">会员登录</a>|<a href="/member/index_do.php?fmdo=user&dopost=regnew">会员注册</a>|<a href="javascript:void(0)" onclick="SetHome(this,window.location);">设为首页</a>|<a href="javascript:void(0)" onclick="AddFavorite(window.location,document.title);">加入收藏</a></div>
  </div>
</div>
<div class="header">
  <div class="top w960 center">
    <div class="title"><h1><a href="/"><img src="/templets/default/images/logo.png" height="70" width="420" alt="中国有色金属工业协会再生金属分会"/></a></h1></div>
    <div class="banner"><script src='/plus/ad_js.php?aid=1' language='javascript'></script></div>
  </div>
  <div class="module blue mT10 wrapper w963">
    <div class="top">
      <div class="nav">
        <ul id="nav">
<li class='hover'><a href='/'><span>首页</span></a></li>
<li><a href='/a/hyzx/'><span>行业资讯</span></a></li>
<li><a href='/a/hyjl/'><span>会议与考察</span></a></li>
<li><a href='/plus/list.php?tid=5'><span>政策法规</span></a></li>
<li><a href='/a/about/'><span>关于我们</span></a></li>
<li><a href='/a/contact/'><span>联系我们</span></a></li>
<li><a href='/member/'><span>会员服务</span></a></li>
        </ul>
      </div>
    </div>
    <div class="search">
      <form name="formsearch" action="/plus/search.php">
        <div class="form">
          <h4>搜索</h4>
          <input type="hidden" name="kwtype" value="0" />
          <input name="q" type="text" class="search-keyword" id="search-keyword" value="在这里搜索..." onfocus="if(this.value=='在这里搜索...'){this.value='';}" onblur="if(this.value==''){this.value='在这里搜索...';}" />
          <select name="searchtype" class="search-option" id="search-option">
            <option value="title" selected='1'>检索标题</option>
            <option value="titlekeyword">智能模糊</option>
          </select>
          <button type="submit" class="search-submit">搜索</button>
        </div>
      </form>
      <div class="tags">
        <h4>热门搜索：</h4>
        <a href='/plus/search.php?kwtype=0&q=再生铝'>再生铝</a> <a href='/plus/search.php?kwtype=0&q=再生铜'>再生铜</a> <a href='/plus/search.php?kwtype=0&q=废铝'>废铝</a> <a href='/plus/search.php?kwtype=0&q=标准'>标准</a>
      </div>
    </div>
  </div>
</div>
<div class="w960 center clear mt1">
  <div class="pleft">
    <div class="flashbox">
      <div id="slide" class="slide">
        <ul class="pic">
          <li><a href="/a/hyjl/20230914/1266.html" target="_blank"><img src="/uploads/allimg/230914/1-23091416250H91-lp.jpg" width="430" height="260" alt="图片新闻：第二十二届再生金属国际论坛在上海开幕" /></a></li>
          <li><a href="/a/hyjl/20201210/1230.html" target="_blank"><img src="/uploads/allimg/201210/1-201210154J10-lp.jpg" width="430" height="260" alt="再生铝产业高质量发展研讨会在佛山召开" /></a></li>
          <li><a href="/plus/view.php?aid=1240" target="_blank"><img src="/uploads/allimg/240322/1-24032209300M27-lp.jpg" width="430" height="260" alt="《中国再生有色金属产业发展报告（2023）》在京发布" /></a></li>
        </ul>
        <ul class="txt">
          <li><a href="/a/hyjl/20230914/1266.html" target="_blank">图片新闻：第二十二届再生金属国际论坛在上海开...</a></li>
          <li><a href="/a/hyjl/20201210/1230.html" target="_blank">再生铝产业高质量发展研讨会在佛山召开</a></li>
          <li><a href="/plus/view.php?aid=1240" target="_blank">《中国再生有色金属产业发展报告（2023）》...</a></li>
        </ul>
      </div>
    </div>
    <div class="focus">
      <h2><a href="/a/hyzx/20240322/1240.html">《中国再生有色金属产业发展报告（2023）》在京发布</a></h2>
      <p>3月21日，由中国有色金属工业协会再生金属分会组织编写的《中国再生有色金属产业发展报告（2023）》（以下简称《报告》）在北京发布。《报告》...<a href="/a/hyzx/20240322/1240.html">[详细]</a></p>
      <div class="special"><strong>专题：</strong><a href="/old/1234.html" target="_blank">【专题】铝工业绿色低碳发展倡议</a>
        &nbsp;<a href="/a/hyzx/20210115/1234.html?utm_source=wechat&utm_medium=social" target="_blank">（微信版）</a>
        &nbsp;<a href="/a/hyzx/20210115/1234.html#comment">[参与讨论]</a></div>
    </div>
    <div class="listbox mt1">
      <dl class="tbox">
        <dt><strong>最新资讯</strong><span class="more"><a href="/a/hyzx/">更多...</a></span></dt>
        <dd>
        <ul class="d1 ico3">
          <li><span>07-05</span><a href="/a/hyjl/20240705/1281.html" title="分会召开2024年上半年行业形势分析会">分会召开2024年上半年行业形势分析会</a></li>
          <li><span>05-09</span><a href="/a/hyzx/20240509/1275.html" title="一季度再生铜铝原料进口保持增长">一季度再生铜铝原料进口保持增长</a></li>
          <li><span>03-22</span><a href="/a/hyzx/20240322/1240.html" title="《中国再生有色金属产业发展报告（2023）》在京发布">《中国再生有色金属产业发展报告（2023）》在京...</a></li>
          <li><span>10-12</span><a href="/a/zcfg/20231012/1270.html" title="《废铝回收分拣技术规范》团体标准正式发布">《废铝回收分拣技术规范》团体标准正式发布</a></li>
          <li><span>09-14</span><a href="/a/hyjl/20230914/1266.html" title="图片新闻：第二十二届再生金属国际论坛在上海开幕">图片新闻：第二十二届再生金属国际论坛在上海开幕</a></li>
          <li><span>06-18</span><a href="/a/hyzx/20230618/1261.html" title="废铝保级利用技术取得新突破">废铝保级利用技术取得新突破</a></li>
          <li><span>12-20</span><a href="/a/zcfg/20221220/1258.html" title="资源综合利用增值税政策要点解读">资源综合利用增值税政策要点解读</a></li>
          <li><span>08-10</span><a href="/a/hyzx/20220810/1252.html" title="2022年上半年我国主要再生有色金属产量情况">2022年上半年我国主要再生有色金属产量情况</a></li>
          <li><span>04-26</span><a href="/a/hyjl/20220426/1248.html" title="分会赴浙江宁波、台州调研再生铜企业">分会赴浙江宁波、台州调研再生铜企业</a></li>
        </ul>
        </dd>
      </dl>
    </div>
    <div class="listbox mt1 half">
      <dl class="tbox">
        <dt><strong>政策法规</strong><span class="more"><a href="/plus/list.php?tid=5">更多...</a></span></dt>
        <dd>
        <ul class="d1 ico3">
          <li><span>2023-10-12</span><a href="/a/zcfg/20231012/1270.html">《废铝回收分拣技术规范》团体标准正式发布</a></li>
          <li><span>2022-12-20</span><a href="/a/zcfg/20221220/1258.html">资源综合利用增值税政策要点解读</a></li>
          <li><span>2021-06-28</span><a href="/a/zcfg/20210628/1243.html">关于印发《再生有色金属行业自律公约》的通...</a></li>
          <li><span>2020-09-03</span><a href="/a/zcfg/20200903/1225.html">再生铜铝原料国家标准常见问题解答</a></li>
          <li><span>2020-01-15</span><a href="/a/hyjl/20200115/1199.html">关于召开2020年再生铜行业年会的预通知</a></li>
        </ul>
        </dd>
      </dl>
      <dl class="tbox">
        <dt><strong>会议与考察</strong><span class="more"><a href="/a/hyjl/">更多...</a></span></dt>
        <dd>
        <ul class="d1 ico3">
          <li><span>2024-07-05</span><a href="/a/hyjl/20240705/1281.html">分会召开2024年上半年行业形势分析会</a></li>
          <li><span>2023-09-14</span><a href="/a/hyjl/20230914/1266.html">图片新闻：第二十二届再生金属国际论坛在上...</a></li>
          <li><span>2022-04-26</span><a href="/a/hyjl/20220426/1248.html">分会赴浙江宁波、台州调研再生铜企业</a></li>
          <li><span>2020-12-10</span><a href="/a/hyjl/20201210/1230.html">再生铝产业高质量发展研讨会在佛山召开</a></li>
        </ul>
        </dd>
      </dl>
    </div>
  </div>
  <div class="pright">
    <div class="commend mt1">
      <dl class="tbox light">
        <dt class='light'><strong>推荐内容</strong></dt>
        <dd class='light'>
          <ul class="d4">
<li><a href="/a/hyjl/20201210/1230.html">会议与考察 | 再生铝产业高质量发展研讨会在...</a><p>为深入贯彻落实党中央、国务院关于推动制造业高质量...</p></li>
<li><a href="/a/hyzx/20240322/1240.html">行业资讯 | 《中国再生有色金属产业发展报...</a><p>3月21日，由中国有色金属工业协会再生金属分会组...</p></li>
<li><a href="/a/hyzx/20210115/1234.html">行业资讯 | 中铝集团和魏桥集团联合发布《...</a><p>1月14日，中国铝业集团有限公司与山东魏桥创业集...</p></li>
<li><a href="/a/hyzx/20230618/1261.html">行业资讯 | 废铝保级利用技术取得新突破</a><p>近日，由粤兴再生铝业有限公司牵头承担的“废铝易拉...</p></li>
<li><a href="/a/hyzx/20220810/1252.html">行业资讯 | 2022年上半年我国主要再生...</a><p>据再生金属分会对重点企业的统计和行业调研测算，2...</p></li>
<li><a href="/a/hyjl/20240705/1281.html">会议与考察 | 分会召开2024年上半年行业...</a><p>7月3日，再生金属分会在北京召开2024年上半年...</p></li>
          </ul>
        </dd>
      </dl>
    </div>
    <div class="hot mt1">
      <dl class="tbox light">
        <dt class='light'><strong>热点内容</strong></dt>
        <dd class='light'>
          <ul class="c1 ico2">
<li><a href="/a/hyzx/20210115/1234.html">行业资讯 | 中铝集团和魏桥集团联合发布《...</a><p>1月14日，中国铝业集团有限公司与山东魏桥创业集...</p></li>
<li><a href="/a/hyzx/20240322/1240.html">行业资讯 | 《中国再生有色金属产业发展报...</a><p>3月21日，由中国有色金属工业协会再生金属分会组...</p></li>
<li><a href="/a/hyzx/20220810/1252.html">行业资讯 | 2022年上半年我国主要再生...</a><p>据再生金属分会对重点企业的统计和行业调研测算，2...</p></li>
<li><a href="/a/hyjl/20201210/1230.html">会议与考察 | 再生铝产业高质量发展研讨会在...</a><p>为深入贯彻落实党中央、国务院关于推动制造业高质量...</p></li>
<li><a href="/a/hyzx/20230618/1261.html">行业资讯 | 废铝保级利用技术取得新突破</a><p>近日，由粤兴再生铝业有限公司牵头承担的“废铝易拉...</p></li>
<li><a href="/a/hyzx/20201103/1219.html">行业资讯 | 我国再生铅行业规范化水平持续...</a><p>近年来，随着再生铅行业规范条件的深入实施，我国再...</p></li>
<li><a href="/a/zcfg/20200903/1225.html">政策法规 | 再生铜铝原料国家标准常见问题...</a><p>为帮助企业准确理解和执行再生铜原料、再生黄铜原料...</p></li>
<li><a href="/a/zcfg/20221220/1258.html">政策法规 | 资源综合利用增值税政策要点解...</a><p>2021年底，财政部、税务总局发布关于完善资源综...</p></li>
          </ul>
        </dd>
      </dl>
    </div>
    <div class="mt1 weixin">
      <dl class="tbox">
        <dt><strong>关注分会微信</strong></dt>
        <dd><img src="/templets/default/images/weixin.png" width="120" height="120" alt="分会微信公众号" /><p>扫一扫，获取行业最新动态</p></dd>
      </dl>
    </div>
  </div>
</div>
<div class="flink w960 center clear">
  <dl class="tbox">
    <dt><strong>友情链接</strong></dt>
    <dd>
      <ul class="f5">
        <li><a href='https://www.miit.gov.cn/' target='_blank'>工业和信息化部</a></li>
        <li><a href='https://www.ndrc.gov.cn/' target='_blank'>国家发展和改革委员会</a></li>
        <li><a href='http://www.mofcom.gov.cn/' target='_blank'>商务部</a></li>
        <li><a href='https://www.mee.gov.cn/' target='_blank'>生态环境部</a></li>
        <li><a href='http://www.chinania.org.cn/' target='_blank'>中国有色金属工业协会</a></li>
      </ul>
    </dd>
  </dl>
</div>
<div class="footer w960 center mt1 clear">
  <div class="footer_left"></div>
  <div class="footer_body">
    <p class="links"><a href="/a/about/">关于我们</a> | <a href="/a/contact/">联系我们</a> | <a href="/a/about/#join">入会指南</a> | <a href="/">网站首页</a></p>
    <p class="powered">
      主办单位：中国有色金属工业协会再生金属分会 &nbsp;&nbsp;地址：北京市海淀区学院南路38号楼5层 &nbsp;&nbsp;邮编：100081<br />
      电话：010-68391225 &nbsp;&nbsp;传真：010-68391226 &nbsp;&nbsp;E-mail：zszx@recycle-metal.org.cn<br />
      Copyright &copy; 2009-2024 中国有色金属工业协会再生金属分会 版权所有 &nbsp;<a href="https://beian.miit.gov.cn/" target="_blank">京ICP备10052316号-1</a>
      &nbsp;Powered by <a href="http://www.dedecms.com" title="织梦内容管理系统" target="_blank"><strong>DedeCMS</strong></a>
    </p>
    <div class="copyright">建议使用1024×768分辨率 IE8.0以上版本浏览本站</div>
  </div>
  <div class="footer_right"></div>
</div>
</body>
</html>
