// TRS WCM pager
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
  if (_nPageCount == null || _nPageCount <= 1) { return; }
  var nCurrIndex = _nCurrIndex || 0;
  if (nCurrIndex == 0) {
    document.write("<span class=\"current\">1</span>&nbsp;");
  } else {
    document.write("<a href=\"" + _sPageName + "." + _sPageExt + "\">1</a>&nbsp;");
  }
  for (var i = 1; i < _nPageCount; i++) {
    if (nCurrIndex == i) {
      document.write("<span class=\"current\">" + (i + 1) + "</span>&nbsp;");
    } else {
      document.write("<a href=\"" + _sPageName + "_" + i + "." + _sPageExt + "\">" + (i + 1) + "</a>&nbsp;");
    }
  }
  document.write("&nbsp;共" + _nPageCount + "页");
}
