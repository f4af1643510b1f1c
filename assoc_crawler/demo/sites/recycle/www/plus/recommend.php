<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>提示信息</title>
<style>div{line-height:160%;}</style></head>
<body leftmargin='0' topmargin='0' bgcolor='#FFFFFF'><center>
<br/>
<div style='width:450px;padding:0px;border:1px solid #DADADA;'><div style='padding:6px;font-size:12px;border-bottom:1px solid #DADADA;background:#DBEEBD;'><b>DedeCMS 提示信息！</b></div>
<div style='height:130px;font-size:10pt;background:#ffffff'><br />
你还没有登录，请先登录后再进行此操作！<br /><a href='/'>如果你的浏览器没反应，请点击这里...</a></div>
</div>
</center>
</body>
</html>
