<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<meta http-equiv="X-UA-Compatible" content="IE=7" />
<title>中国再生钢铁原料产业协会</title>
<meta name="keywords" content="废钢铁,再生钢铁原料,废钢加工,废钢判级,钢铁协会">
<meta name="description" content="中国再生钢铁原料产业协会是全国性再生钢铁原料行业组织。">
<link href="/statics/css/reset.css" rel="stylesheet" type="text/css" />
<link href="/statics/css/default_blue.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/statics/js/jquery.min.js"></script>
<script type="text/javascript" src="/statics/js/jquery.sgallery.js"></script>
<script type="text/javascript" src="/statics/js/search_common.js"></script>
</head>
<body>
<div class="body-top">
    <div class="content">
        <span class="rt"><a href="/index.php?m=member&c=index&a=login">登录</a> | <a href="/index.php?m=member&c=index&a=register&siteid=1">注册</a></span>
        <span class="lf">欢迎访问中国再生钢铁原料产业协会网站</span>
    </div>
</div>
<div class="header">
    <div class="logo"><a href="/"><img src="/statics/images/v9/logo.png" alt="中国再生钢铁原料产业协会" /></a></div>
    <div class="search">
        <div class="tab" id="search"><a href="javascript:;" onclick="setmodel(1, $(this));" class="on">新闻</a><span> | </span><a href="javascript:;" onclick="setmodel(2, $(this));">标准</a></div>
        <div class="bd">
            <form action="/index.php" method="get" target="_blank">
                <input type="hidden" name="m" value="search"/>
                <input type="hidden" name="c" value="index"/>
                <input type="hidden" name="a" value="init"/>
                <input type="hidden" name="typeid" value="1" id="typeid"/>
                <input type="hidden" name="siteid" value="1" id="siteid"/>
                <input type="text" class="text" name="q" id="q"/><input type="submit" value="搜 索" class="button" />
            </form>
        </div>
        <div class="hotkey">热门搜索：<a href="/index.php?m=search&c=index&a=init&typeid=1&siteid=1&q=废钢判级">废钢判级</a> <a href="/index.php?m=search&c=index&a=init&typeid=1&siteid=1&q=准入企业">准入企业</a></div>
    </div>
    <div class="banner"><script language="javascript" src="/index.php?m=poster&c=index&a=show_poster&id=1"></script></div>
    <div class="bk3"></div>
    <div class="nav-bar">
        <map>
            <ul class="nav-site" id="nav"><li class="on"><a href="/"><span>首页</span></a></li><li class="line">|</li><li><a href="/html/hyxw/"><span>行业新闻</span></a></li><li class="line">|</li><li><a href="/index.php?m=content&c=index&a=lists&catid=7"><span>协会公告</span></a></li><li class="line">|</li><li><a href="/index.php?m=content&c=index&a=lists&catid=8"><span>政策解读</span></a></li><li class="line">|</li><li><a href="/html/hyml/index.html"><span>会员名录</span></a></li><li class="line">|</li><li><a href="/html/about/"><span>协会简介</span></a></li><li class="line">|</li><li><a href="/html/contact/"><span>联系我们</span></a></li></ul>
        </map>
    </div>
</div>
<div class="main">
    <div class="col-left">
        <div class="news-hot">
            <div class="content">
                <h4 class="blue"><a href="/html/2023/hyxw_1120/81.html?from=groupmessage" target="_blank">我国首个废钢铁智能判级团体标准发布</a></h4>
                <p>近日，由协会组织制定的《废钢铁智能判级技术规范》团体标准正式发布。这是我国首个针对废钢铁智能判级的团体标准，将于2024...</p>
                <div class="bk20 hr"><hr /></div>
                <div class="focus">
                    <a href="/html/2023/hyxw_0612/77.html"><img src="/uploadfile/2023/0612/thumb_300_180_20230612105118392.jpg" width="300" height="180" alt="废钢铁加工配送体系建设成效明显 行业集中度稳步提升" /></a>
                    <p><a href="/html/2023/hyxw_0612/77.html">废钢铁加工配送体系建设成效明显 行业...</a></p>
                </div>
            </div>
        </div>
        <div class="box">
            <h5 class="title-2">行业新闻<span class="rt"><a href="/html/hyxw/">更多&gt;&gt;</a></span></h5>
            <ul class="content list f14 lh24">
                <li><span class="rt">02-28</span>·<a href="/html/2024/hyxw_0228/84.html" target="_blank" title="2023年再生钢铁原料进口量大幅增长">2023年再生钢铁原料进口量大幅增长</a></li>
                <li><span class="rt">11-20</span>·<a href="/html/2023/hyxw_1120/81.html" target="_blank" title="我国首个废钢铁智能判级团体标准发布">我国首个废钢铁智能判级团体标准发布</a></li>
                <li><span class="rt">08-25</span>·<a href="/html/2023/hyxw_0825/79.html" target="_blank" title="上半年废钢铁资源消耗量同比小幅下降">上半年废钢铁资源消耗量同比小幅下降</a></li>
                <li><span class="rt">06-12</span>·<a href="/html/2023/hyxw_0612/77.html" target="_blank" title="废钢铁加工配送体系建设成效明显 行业集中度稳步提升">废钢铁加工配送体系建设成效明显 行业集中度稳...</a></li>
            </ul>
        </div>
        <div class="box">
            <h5 class="title-2">协会公告<span class="rt"><a href="/index.php?m=content&c=index&a=lists&catid=7">更多&gt;&gt;</a></span></h5>
            <ul class="content list f14 lh24">
                <li><span class="rt">04-15</span>·<a href="/index.php?m=content&c=index&a=show&catid=7&id=86" target="_blank" title="关于下达2024年第一批协会团体标准制修订计划的通知">关于下达2024年第一批协会团体标准制修订计...</a></li>
                <li><span class="rt">09-05</span>·<a href="/index.php?m=content&c=index&a=show&catid=7&id=70" target="_blank" title="关于召开协会第五届会员代表大会的通知">关于召开协会第五届会员代表大会的通知</a></li>
            </ul>
        </div>
        <div class="box">
            <h5 class="title-2">政策解读<span class="rt"><a href="/index.php?m=content&c=index&a=lists&catid=8">更多&gt;&gt;</a></span></h5>
            <ul class="content list f14 lh24">
                <li><span class="rt">03-16</span>·<a href="/index.php?m=content&c=index&a=show&catid=8&id=75" target="_blank" title="钢铁行业超低排放改造对废钢铁加工企业的影响分析">钢铁行业超低排放改造对废钢铁加工企业的影响分...</a></li>
                <li><span class="rt">11-08</span>·<a href="/index.php?m=content&c=index&a=show&catid=8&id=72" target="_blank" title="废旧物资循环利用体系建设指导意见解读">废旧物资循环利用体系建设指导意见解读</a></li>
            </ul>
        </div>
        <div class="box">
            <h5 class="title-2">下载中心</h5>
            <ul class="content list f14 lh24">
                <li>·<a href="/index.php?m=content&c=down&a=init&catid=9&id=12">会员入会申请表（压缩包）</a></li>
                <li>·<a href="/index.php?m=content&c=index&a=show&catid=6&id=77">废钢铁加工配送体系建设成效明显（旧链接）</a></li>
            </ul>
        </div>
    </div>
    <div class="col-auto">
        <div class="box">
            <h5 class="title-2">推荐阅读</h5>
            <ul class="content list blue f14 row-24">
                <li>·<a href="/html/2023/hyxw_1120/81.html" title="我国首个废钢铁智能判级团体标准发布" target="_blank">我国首个废钢铁智能判级团体标准发...</a></li>
                <li>·<a href="/html/2023/hyxw_0612/77.html" title="废钢铁加工配送体系建设成效明显 行业集中度稳步提升" target="_blank">废钢铁加工配送体系建设成效明显 ...</a></li>
                <li>·<a href="/index.php?m=content&c=index&a=show&catid=8&id=72" title="废旧物资循环利用体系建设指导意见解读" target="_blank">废旧物资循环利用体系建设指导意见...</a></li>
                <li>·<a href="/index.php?m=content&c=index&a=show&catid=7&id=86" title="关于下达2024年第一批协会团体标准制修订计划的通知" target="_blank">关于下达2024年第一批协会团体...</a></li>
                <li>·<a href="/index.php?m=content&c=index&a=show&catid=8&id=75" title="钢铁行业超低排放改造对废钢铁加工企业的影响分析" target="_blank">钢铁行业超低排放改造对废钢铁加工...</a></li>
                <li>·<a href="/html/2024/hyxw_0228/84.html" title="2023年再生钢铁原料进口量大幅增长" target="_blank">2023年再生钢铁原料进口量大幅...</a></li>
            </ul>
        </div>
        <div class="bk10"></div>
        <div class="box">
            <h5 class="title-2">热门文章</h5>
            <ul class="content digg">
                <li><span>2650</span>·<a href="/html/2023/hyxw_0612/77.html" target="_blank" title="废钢铁加工配送体系建设成效明显 行业集中度稳步提升">废钢铁加工配送体系建设成效明显 ...</a></li>
                <li><span>2210</span>·<a href="/html/2023/hyxw_1120/81.html" target="_blank" title="我国首个废钢铁智能判级团体标准发布">我国首个废钢铁智能判级团体标准发...</a></li>
                <li><span>1990</span>·<a href="/index.php?m=content&c=index&a=show&catid=8&id=72" target="_blank" title="废旧物资循环利用体系建设指导意见解读">废旧物资循环利用体系建设指导意见...</a></li>
                <li><span>1830</span>·<a href="/html/2023/hyxw_0825/79.html" target="_blank" title="上半年废钢铁资源消耗量同比小幅下降">上半年废钢铁资源消耗量同比小幅下...</a></li>
                <li><span>1675</span>·<a href="/html/2024/hyxw_0228/84.html" target="_blank" title="2023年再生钢铁原料进口量大幅增长">2023年再生钢铁原料进口量大幅...</a></li>
                <li><span>1420</span>·<a href="/index.php?m=content&c=index&a=show&catid=8&id=75" target="_blank" title="钢铁行业超低排放改造对废钢铁加工企业的影响分析">钢铁行业超低排放改造对废钢铁加工...</a></li>
                <li><span>1102</span>·<a href="/index.php?m=content&c=index&a=show&catid=7&id=70" target="_blank" title="关于召开协会第五届会员代表大会的通知">关于召开协会第五届会员代表大会的...</a></li>
                <li><span>640</span>·<a href="/index.php?m=content&c=index&a=show&catid=7&id=86" target="_blank" title="关于下达2024年第一批协会团体标准制修订计划的通知">关于下达2024年第一批协会团体...</a></li>
            </ul>
        </div>
        <div class="bk10"></div>
        <div class="box">
            <h5 class="title-2">协会微信</h5>
            <div class="content"><img src="/statics/images/v9/weixin.png" width="160" height="160" alt="协会微信" /></div>
        </div>
    </div>
</div>
<div class="bk10"></div>
<div class="footer">
    <p class="info">
    <a href="/html/about/">关于协会</a> | <a href="/html/contact/">联系我们</a> | <a href="/index.php?m=link&c=index&a=register&siteid=1">申请友情链接</a><br />
    主办单位：中国再生钢铁原料产业协会　地址：北京市西城区月坛北街甲5号综合楼307室　邮编：100037<br />
    电话：010-63966216　传真：010-63966219　邮箱：xiehui@zsgt-assoc.org.cn<br />
    Copyright &copy; 2010-2024 中国再生钢铁原料产业协会 All Rights Reserved <a href="https://beian.miit.gov.cn/" target="_blank">京ICP备11039021号-3</a> Powered by <strong><a href="http://www.phpcms.cn" target="_blank">PHPCMS</a></strong> v9
    </p>
</div>
<script type="text/javascript">$(function(){$(".picbig").each(function(i){});});</script>
</body>
</html>
