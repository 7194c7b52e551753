"""A small line-plot renderer on Pillow, for PlotReport when matplotlib is not installed.

It draws what a loss curve needs: a frame with "nice" ticks (1, 2, 2.5 or 5 times a power of
ten) and their labels, an optional grid, one coloured polyline per series with markers, an
x-axis label and a legend.
"""
import math

from PIL import Image, ImageDraw, ImageFont

# NOTE: matplotlib's default colour cycle, so both renderers colour the curves alike.
COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
          '#7f7f7f', '#bcbd22', '#17becf']


def nice_ticks(lo, hi, n=6):
    """Tick values covering [lo, hi] with about ``n`` steps of 1, 2, 2.5 or 5 x 10^k."""
    if not hi > lo:
        lo, hi = lo - 0.5, hi + 0.5
    raw = (hi - lo) / n
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [k * step for k in range(first, last + 1)]


def format_tick(value):
    text = '{:.6g}'.format(value)
    return '0' if text == '-0' else text


def draw_plot(path, series, x_label, marker='x', grid=True, size=(640, 480)):
    """Write a PNG plot of ``series``: a dict ``{label: [(x, y), ...]}``; non-finite points
    are skipped and series without points are left out.

    Returns the PIL image.
    """
    width, height = size
    font = ImageFont.load_default()
    image = Image.new('RGB', size, 'white')
    draw = ImageDraw.Draw(image)
    points = {k: [(x, y) for x, y in xy if math.isfinite(x) and math.isfinite(y)]
              for k, xy in series.items()}
    points = {k: xy for k, xy in points.items() if xy}
    xs = [x for xy in points.values() for x, _ in xy] or [0.0]
    ys = [y for xy in points.values() for _, y in xy] or [0.0]
    x_ticks, y_ticks = nice_ticks(min(xs), max(xs)), nice_ticks(min(ys), max(ys))
    legend_width = 45 + max(_text_width(draw, font, k) for k in points) if points else 0
    left, top = 20 + max(_text_width(draw, font, format_tick(t)) for t in y_ticks), 15
    right, bottom = width - legend_width - 10, height - 45

    def to_pixel(x, y):
        px = left + (x - x_ticks[0]) / (x_ticks[-1] - x_ticks[0]) * (right - left)
        py = bottom - (y - y_ticks[0]) / (y_ticks[-1] - y_ticks[0]) * (bottom - top)
        return px, py

    for t in x_ticks:
        px, _ = to_pixel(t, y_ticks[0])
        if grid:
            draw.line([(px, top), (px, bottom)], fill='#dddddd')
        draw.line([(px, bottom), (px, bottom + 5)], fill='black')
        label = format_tick(t)
        draw.text((px - _text_width(draw, font, label) / 2, bottom + 8), label, 'black', font)
    for t in y_ticks:
        _, py = to_pixel(x_ticks[0], t)
        if grid:
            draw.line([(left, py), (right, py)], fill='#dddddd')
        draw.line([(left - 5, py), (left, py)], fill='black')
        label = format_tick(t)
        draw.text((left - 8 - _text_width(draw, font, label), py - 6), label, 'black', font)
    draw.rectangle([left, top, right, bottom], outline='black')
    draw.text(((left + right - _text_width(draw, font, x_label)) / 2, bottom + 26), x_label,
              'black', font)
    if points:
        draw.rectangle([right + 6, top, width - 6, top + 16 * len(points)], outline='#999999')
    for index, (label, xy) in enumerate(points.items()):
        color = COLORS[index % len(COLORS)]
        pixels = [to_pixel(x, y) for x, y in xy]
        if len(pixels) > 1:
            draw.line(pixels, fill=color, width=2)
        for px, py in pixels:
            _draw_marker(draw, px, py, marker, color)
        ly = top + 8 + 16 * index
        draw.line([(right + 12, ly), (right + 32, ly)], fill=color, width=2)
        _draw_marker(draw, right + 22, ly, marker, color)
        draw.text((right + 38, ly - 6), label, 'black', font)
    image.save(path, format='PNG')
    return image


def _draw_marker(draw, x, y, marker, color, r=3):
    if marker == 'x':
        draw.line([(x - r, y - r), (x + r, y + r)], fill=color, width=1)
        draw.line([(x - r, y + r), (x + r, y - r)], fill=color, width=1)
    elif marker in ('o', '.'):
        r = r if marker == 'o' else 1
        draw.ellipse([x - r, y - r, x + r, y + r], fill=color)
    elif marker == '+':
        draw.line([(x - r, y), (x + r, y)], fill=color)
        draw.line([(x, y - r), (x, y + r)], fill=color)


def _text_width(draw, font, text):
    return draw.textlength(text, font=font)
