function SetHome(obj,url){try{obj.style.behavior='url(#default#homepage)';obj.setHomePage(url);}catch(e){alert('您的浏览器不支持，请手动设置。');}}
function AddFavorite(url,title){try{window.external.addFavorite(url,title);}catch(e){try{window.sidebar.addPanel(title,url,'');}catch(e){alert('请使用Ctrl+D进行添加');}}}
