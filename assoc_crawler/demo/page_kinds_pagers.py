"""Pagers of :mod:`assoc_crawler.demo.page_kinds` sites: each CMS family's list pager, in a site's style."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .page_kinds_templates import Site

__all__ = ["pager"]


def pager(site: Site, current: int, total: int, link: Callable[[int], str], records: int = 0) -> str:
    """This site's pager: dede ``ul.pagelist`` with 首页/上一页/numbers/下一页/末页, WordPress, bootstrap, text..."""
    style = site.opt("pager")
    low = max(1, min(current - 4, total - 9))
    numbers = range(low, min(total, low + 9) + 1)
    prev, nxt = link(max(1, current - 1)), link(min(total, current + 1))
    if style == "dede":
        items = [f'<li><a href="{link(1)}">首页</a></li>', f'<li><a href="{prev}">上一页</a></li>']
        items += [f'<li class="thisclass">{n}</li>' if n == current else f'<li><a href="{link(n)}">{n}</a></li>'
                  for n in numbers]
        items += [f'<li><a href="{nxt}">下一页</a></li>', f'<li><a href="{link(total)}">末页</a></li>']
        if records:
            items.append(f'<li><span class="pageinfo">共 <strong>{total}</strong>页<strong>{records}</strong>条'
                         "</span></li>")
        return f'<div class="dede_pages"><ul class="pagelist">{"".join(items)}</ul></div>'
    nums = " ".join(f'<span class="current">{n}</span>' if n == current else f'<a href="{link(n)}">{n}</a>'
                    for n in numbers)
    if style == "wp":
        return (f'<div class="nav-links"><a class="prev" href="{prev}">« 上一页</a> {nums} '
                f'<a class="next" href="{nxt}">下一页 »</a></div>')
    if style == "bootstrap":
        lis = "".join(f'<li class="page-item"><a class="page-link" href="{link(n)}">{n}</a></li>' for n in numbers)
        return (f'<ul class="pagination"><li class="page-item"><a href="{prev}">上一页</a></li>{lis}'
                f'<li><a href="{nxt}">下一页</a></li></ul>')
    if style == "hanweb":
        return (f'<div class="default_pgContainer">共 {records or total * 20} 条 第{current}/{total}页 '
                f'<a href="{link(1)}">首页</a> '
                f'<a href="{prev}">上页</a> {nums} <a href="{nxt}">下页</a> <a href="{link(total)}">尾页</a></div>')
    count = f"共{records}条记录 页次：{current}/{total} " if records else ""
    css = {"phpcms": 'id="pages" class="text-c"', "metinfo": 'class="met_pager"',
           "empire": 'class="list_page"'}.get(style, 'class="pages"')
    return (f'<div {css}>{count}<a href="{link(1)}">首页</a> <a href="{prev}">上一页</a> {nums} '
            f'<a href="{nxt}">下一页</a> <a href="{link(total)}">尾页</a></div>')
