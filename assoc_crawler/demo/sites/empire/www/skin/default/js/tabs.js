function fontZoom(size){document.getElementById('text').style.fontSize=size+'px';}
