"""Synthetic profile pictures for the evaluation corpus: head-and-shoulders portraits on flat,
gradient, textured or scenic backgrounds, a few non-portrait pictures (logos, landscapes, group
shots, cartoon avatars), and the disguises a fake persona applies to a reused photo.

Every picture is drawn from a plain dict of parameters (a "spec") sampled by the generator, so a
worker process can redraw any photo, including the base of a disguised copy, without shared
state, and the same seed gives the same JPEG bytes.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageOps

SIZE = 200
# Drawn at twice the size and scaled down, so edges are smooth as in a real photo.
SS = 2
W = SIZE * SS

SKIN = [
    (255, 224, 196), (241, 194, 167), (224, 172, 138), (198, 134, 103), (171, 110, 78),
    (141, 85, 60), (110, 66, 44), (84, 50, 34), (233, 190, 160), (250, 210, 180),
]
HAIR = [
    (20, 16, 14), (45, 30, 22), (70, 45, 28), (110, 75, 45), (150, 110, 70), (190, 150, 95),
    (220, 190, 130), (120, 40, 20), (160, 160, 160), (210, 210, 205), (60, 60, 64),
]
CLOTHES = [
    (30, 36, 52), (22, 22, 26), (60, 64, 72), (120, 124, 130), (200, 200, 205), (245, 245, 245),
    (25, 55, 110), (70, 100, 160), (110, 30, 40), (30, 80, 60), (150, 120, 90), (200, 170, 120),
    (90, 60, 120), (230, 120, 90), (40, 120, 140),
]


def sample_portrait(rng: random.Random, style: str = "any") -> dict:
    """Parameters of one person's portrait. `style` narrows the setting: "studio" (flat or
    gradient backdrop, centred, the corporate look), "stock" (bright, smiling, polished),
    "gan" (eyes at one fixed place, blurred background), "casual" (scene or texture, off-centre)."""
    if style == "any":
        # A few members pay for a polished, stock-like studio portrait.
        style = rng.choices(["studio", "casual", "office", "outdoor", "stock"], [38, 24, 18, 14, 6])[0]
    bg_kind = {
        "studio": rng.choice(["flat", "vgrad", "radial", "radial", "texture"]),
        "stock": rng.choice(["flat", "flat", "radial", "vgrad"]),
        "gan": "bokeh",
        "casual": rng.choice(["texture", "bokeh", "shelves", "outdoor", "vgrad"]),
        "office": rng.choice(["bokeh", "shelves", "window"]),
        "outdoor": "outdoor",
    }[style]
    centred = style in ("studio", "stock", "gan")
    # Framing differs from photo to photo: how close the camera was, where the head sits, how
    # the body is turned, how the light falls. (Real headshots vary far more than a template.)
    if style == "gan":
        head_w = rng.uniform(70, 76)
    elif centred:
        head_w = rng.uniform(52, 92)
    else:
        head_w = rng.uniform(40, 100)
    spec = {
        "kind": "portrait",
        "seed": rng.getrandbits(48),
        "style": style,
        "bg": bg_kind,
        "bg1": _colour(rng, light=style in ("stock",)),
        "bg2": _colour(rng),
        "skin": rng.choice(SKIN),
        "hair": rng.choice(HAIR),
        "hair_style": rng.choice(["short", "short", "side", "long", "long", "bun", "curly", "bald", "scarf", "crop"]),
        "hair_volume": rng.uniform(0.9, 1.3),
        "beard": rng.random() < 0.18,
        "glasses": rng.random() < 0.22,
        "clothes": rng.choice(CLOTHES),
        "pattern": rng.choice([None, None, None, "stripes", "checks", "dots"]),
        "shirt": rng.choice([(245, 245, 245), (200, 215, 235), (240, 230, 220), None, None]),
        "tie": rng.random() < 0.15,
        "head_w": head_w,
        "head_h": head_w * rng.uniform(1.2, 1.4),
        "cx": 100 + (rng.uniform(-10, 10) if centred else rng.uniform(-32, 32)),
        "cy": (88 if style == "gan" else rng.uniform(68, 112)) + (rng.uniform(-3, 3) if centred else rng.uniform(-8, 10)),
        "tilt": rng.uniform(-5, 5) if centred else rng.uniform(-12, 12),
        "turn": rng.uniform(-12, 12) if centred else rng.uniform(-35, 35),
        "shoulder_w": rng.uniform(1.8, 2.8),
        "light": rng.uniform(-1, 1),
        "light_angle": rng.uniform(0, 360),
        "exposure": rng.uniform(0.78, 1.15),
        "warmth": rng.uniform(-18, 18),
        "smile": rng.uniform(0.2, 1.0) if style == "stock" else rng.uniform(-0.2, 0.9),
        "noise": rng.uniform(2, 7),
        "blur": rng.uniform(0.0, 0.8),
        "quality": rng.randint(78, 92),
    }
    if style == "gan":
        # Face generators align the eyes at one place in the frame.
        spec["cx"], spec["tilt"] = 100.0, rng.uniform(-1.5, 1.5)
    return spec


def sample_other(rng: random.Random, kind: str | None = None) -> dict:
    """A profile picture that is not a head-and-shoulders portrait."""
    kind = kind or rng.choices(["logo", "landscape", "group", "cartoon", "distant"], [30, 25, 15, 15, 15])[0]
    return {
        "kind": kind,
        "seed": rng.getrandbits(48),
        "bg1": _colour(rng),
        "bg2": _colour(rng),
        "fg": _colour(rng, light=True),
        "letters": "".join(rng.choice("ABCDEFGHJKLMNPRSTVW") for _ in range(rng.choice([1, 2, 2, 3]))),
        "quality": rng.randint(75, 92),
    }


def _colour(rng: random.Random, light: bool = False) -> tuple:
    if light:
        base = rng.randint(200, 250)
        return tuple(min(255, base + rng.randint(-12, 8)) for _ in range(3))
    h = rng.random()
    s = rng.uniform(0.05, 0.55)
    v = rng.uniform(0.25, 0.95)
    return tuple(int(c * 255) for c in _hsv(h, s, v))


def _hsv(h, s, v):
    i = int(h * 6) % 6
    f = h * 6 - int(h * 6)
    p, q, t = v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)
    return [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i]


def _mix(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _shade(c, f):
    return tuple(max(0, min(255, int(v * f))) for v in c)


def _noise_layer(rnd: random.Random, amount: float, size: int = W) -> Image.Image:
    """Grey noise centred on 128 (seeded, unlike PIL's effect_noise)."""
    small = size // 2
    raw = rnd.randbytes(small * small)
    img = Image.frombytes("L", (small, small), raw).resize((size, size), Image.BILINEAR)
    # Scale the spread of 0..255 noise down to +-amount around mid grey.
    k = amount / 128.0
    return img.point(lambda v: int(128 + (v - 128) * k))


def _soft(img: Image.Image, radius: float) -> Image.Image:
    """A wide blur, done at a quarter of the size (the result is smooth anyway)."""
    small = img.reduce(4).filter(ImageFilter.GaussianBlur(radius / 4))
    return small.resize(img.size, Image.BILINEAR)


def _background(spec: dict, rnd: random.Random) -> Image.Image:
    kind, c1, c2 = spec["bg"], spec["bg1"], spec["bg2"]
    img = Image.new("RGB", (W, W), c1)
    d = ImageDraw.Draw(img)
    if kind == "vgrad":
        for y in range(0, W, 4):
            d.rectangle([0, y, W, y + 4], fill=_mix(c1, c2, y / W))
    elif kind == "radial":
        outer = _shade(c1, 0.55)
        for r in range(W, 0, -8):
            d.ellipse([W / 2 - r, W / 2.4 - r, W / 2 + r, W / 2.4 + r], fill=_mix(c1, outer, r / W))
    elif kind == "texture":
        img = Image.blend(img, Image.merge("RGB", [_noise_layer(rnd, 90)] * 3).filter(ImageFilter.BoxBlur(2)), 0.25)
    elif kind == "bokeh":
        img = Image.new("RGB", (W, W), _mix(c1, c2, 0.5))
        d = ImageDraw.Draw(img)
        for _ in range(rnd.randint(10, 22)):
            r = rnd.randint(15, 70)
            x, y = rnd.randint(0, W), rnd.randint(0, W)
            d.ellipse([x - r, y - r, x + r, y + r], fill=_mix(c1, c2, rnd.random()))
        img = _soft(img, 18)
    elif kind == "shelves":
        x = 0
        while x < W:
            w = rnd.randint(8, 26)
            d.rectangle([x, 0, x + w, W], fill=_mix(c1, c2, rnd.random()))
            x += w
        for y in range(rnd.randint(60, 120), W, rnd.randint(90, 140)):
            d.rectangle([0, y, W, y + 10], fill=_shade(c2, 0.5))
        img = _soft(img, 7)
    elif kind == "window":
        d.rectangle([0, 0, W, W], fill=_shade(c1, 0.8))
        wx = rnd.randint(-60, 200)
        d.rectangle([wx, 20, wx + 220, 300], fill=_mix((235, 240, 250), c2, 0.2))
        d.line([wx + 110, 20, wx + 110, 300], fill=_shade(c1, 0.6), width=8)
        img = _soft(img, 9)
    elif kind == "outdoor":
        sky = _mix((150, 190, 235), c1, 0.25)
        ground = _mix((70, 120, 60), c2, 0.3)
        horizon = rnd.randint(180, 280)
        d.rectangle([0, 0, W, horizon], fill=sky)
        d.rectangle([0, horizon, W, W], fill=ground)
        for _ in range(rnd.randint(3, 9)):
            r = rnd.randint(30, 80)
            x = rnd.randint(0, W)
            d.ellipse([x - r, horizon - r * 1.4, x + r, horizon + 10], fill=_shade(ground, rnd.uniform(0.6, 0.9)))
        img = _soft(img, 10)
    return img


# A ramp from dark to light, turned to the direction the light comes from.
_LIGHT_RAMP = Image.linear_gradient("L").resize((SIZE * 2, SIZE * 2))


def _portrait(spec: dict) -> Image.Image:
    rnd = random.Random(spec["seed"])
    img = _background(spec, rnd)
    person = Image.new("RGBA", (W, W), (0, 0, 0, 0))
    d = ImageDraw.Draw(person)
    s = SS
    cx, cy = spec["cx"] * s, spec["cy"] * s
    hw, hh = spec["head_w"] * s / 2, spec["head_h"] * s / 2
    skin, hair, clothes = tuple(spec["skin"]), tuple(spec["hair"]), tuple(spec["clothes"])
    # Long hair and headscarves fall behind the shoulders.
    if spec["hair_style"] == "long":
        d.rounded_rectangle([cx - hw * 1.25, cy - hh * 1.05, cx + hw * 1.25, cy + hh * 1.55], radius=int(hw), fill=hair)
    if spec["hair_style"] == "scarf":
        d.ellipse([cx - hw * 1.35, cy - hh * 1.2, cx + hw * 1.35, cy + hh * 1.6], fill=_shade(clothes, 1.25))
    # Shoulders and body.
    sw = hw * spec["shoulder_w"]
    top = cy + hh * 1.15
    bx = cx + spec.get("turn", 0) * s
    d.rounded_rectangle([bx - sw, top, bx + sw, W + 80], radius=int(sw * 0.45), fill=clothes)
    pattern = spec.get("pattern")
    if pattern:
        ink = _shade(clothes, 0.7) if sum(clothes) > 240 else _shade(clothes, 1.6)
        step = rnd.randint(10, 22)
        for k in range(int(bx - sw), int(bx + sw), step):
            if pattern == "stripes":
                d.line([k, top + 20, k, W], fill=ink, width=3)
            elif pattern == "checks":
                d.line([k, top + 20, k, W], fill=ink, width=2)
                d.line([bx - sw, top + 20 + (k - bx + sw), bx + sw, top + 20 + (k - bx + sw)], fill=ink, width=2)
            else:
                for yy in range(int(top + 24), W, step):
                    d.ellipse([k - 2, yy - 2, k + 2, yy + 2], fill=ink)
    # Neck.
    d.rectangle([cx - hw * 0.42, cy + hh * 0.6, cx + hw * 0.42, top + 14], fill=_shade(skin, 0.86))
    if spec["shirt"]:
        shirt = tuple(spec["shirt"])
        d.polygon([(cx - hw * 0.55, top), (cx + hw * 0.55, top), (cx, top + hh * 0.9)], fill=shirt)
        if spec["tie"]:
            d.polygon([(cx - 9, top + 8), (cx + 9, top + 8), (cx + 14, top + hh * 1.2), (cx - 14, top + hh * 1.2)],
                      fill=_shade(clothes, 0.5) if sum(clothes) > 300 else (120, 30, 40))
    # Lapels.
    d.polygon([(cx - hw * 0.55, top), (cx - hw * 0.2, top + hh), (cx - hw * 1.1, top + 40)], fill=_shade(clothes, 0.85))
    d.polygon([(cx + hw * 0.55, top), (cx + hw * 0.2, top + hh), (cx + hw * 1.1, top + 40)], fill=_shade(clothes, 0.85))
    # Ears and head.
    d.ellipse([cx - hw * 1.12, cy - hh * 0.18, cx - hw * 0.8, cy + hh * 0.3], fill=_shade(skin, 0.92))
    d.ellipse([cx + hw * 0.8, cy - hh * 0.18, cx + hw * 1.12, cy + hh * 0.3], fill=_shade(skin, 0.92))
    d.ellipse([cx - hw, cy - hh, cx + hw, cy + hh], fill=skin)
    hs = spec["hair_style"]
    vol = spec.get("hair_volume", 1.0)
    if hs in ("short", "side", "long", "bun", "crop"):
        depth = {"short": 0.35, "side": 0.45, "long": 0.5, "bun": 0.4, "crop": 0.25}[hs]
        d.chord([cx - hw * 1.05 * vol, cy - hh * (1.0 + 0.12 * vol), cx + hw * 1.05 * vol, cy + hh * (depth * 2 - 0.9)],
                180, 360, fill=hair)
        if hs == "side":
            d.polygon([(cx - hw, cy - hh * 0.5), (cx + hw * 0.3, cy - hh * 0.85), (cx + hw, cy - hh * 0.3)], fill=hair)
        if hs == "bun":
            d.ellipse([cx - hw * 0.4, cy - hh * 1.45, cx + hw * 0.4, cy - hh * 0.8], fill=hair)
    elif hs == "curly":
        for i in range(26):
            a = math.pi + math.pi * i / 25
            r = hw * rnd.uniform(0.28, 0.4)
            x, y = cx + math.cos(a) * hw * 0.95, cy + math.sin(a) * hh * 0.9
            d.ellipse([x - r, y - r, x + r, y + r], fill=hair)
    elif hs == "scarf":
        d.chord([cx - hw * 1.2, cy - hh * 1.2, cx + hw * 1.2, cy + hh * 0.2], 180, 360, fill=_shade(clothes, 1.25))
    if spec["beard"]:
        d.chord([cx - hw * 0.9, cy - hh * 0.2, cx + hw * 0.9, cy + hh * 1.02], 0, 180, fill=_shade(hair, 1.1))
        d.ellipse([cx - hw * 0.35, cy + hh * 0.38, cx + hw * 0.35, cy + hh * 0.6], fill=skin)
    # Face.
    ey = cy - hh * 0.08
    ex = hw * 0.38
    for side in (-1, 1):
        x = cx + side * ex
        d.ellipse([x - 11, ey - 6, x + 11, ey + 6], fill=(245, 245, 240))
        d.ellipse([x - 5, ey - 5, x + 5, ey + 5], fill=_shade(hair, 0.6))
        d.line([x - 14, ey - 16 - side * 0, x + 12, ey - 18], fill=_shade(hair, 0.8), width=5)
    d.line([cx, ey + 8, cx - 5, cy + hh * 0.3], fill=_shade(skin, 0.75), width=4)
    my = cy + hh * 0.5
    smile = spec["smile"]
    d.arc([cx - hw * 0.35, my - 14 - smile * 8, cx + hw * 0.35, my + 6 + smile * 10], 15, 165,
          fill=(150, 60, 60), width=5)
    if spec["glasses"]:
        for side in (-1, 1):
            x = cx + side * ex
            d.rounded_rectangle([x - 19, ey - 13, x + 19, ey + 13], radius=6, outline=(30, 30, 30), width=4)
        d.line([cx - ex + 19, ey, cx + ex - 19, ey], fill=(30, 30, 30), width=4)
    # Scaled down before turning: a quarter of the pixels to rotate.
    person = person.reduce(SS).rotate(spec["tilt"], resample=Image.BILINEAR, center=(cx / SS, (cy + hh) / SS))
    img = img.reduce(SS)
    img.paste(person, (0, 0), person)
    # Light from one direction, exposure and colour temperature, grain, focus.
    angle = spec.get("light_angle", 90.0 if spec["light"] > 0 else 270.0)
    # The ramp is twice the frame, so its turned square still covers the whole frame's centre crop.
    light = _LIGHT_RAMP.rotate(angle, resample=Image.BILINEAR).crop((SIZE // 2, SIZE // 2, SIZE * 3 // 2, SIZE * 3 // 2))
    img = Image.blend(img, Image.composite(img, Image.new("RGB", (SIZE, SIZE), (0, 0, 0)), light), abs(spec["light"]) * 0.4)
    if "exposure" in spec:
        e, t = spec["exposure"], spec["warmth"]
        r, g, b = img.split()
        r = r.point(lambda v: max(0, min(255, int(v * e + t))))
        g = g.point(lambda v: max(0, min(255, int(v * e))))
        b = b.point(lambda v: max(0, min(255, int(v * e - t))))
        img = Image.merge("RGB", (r, g, b))
    grain = _noise_layer(rnd, spec["noise"] * 6, SIZE)
    img = Image.blend(img, Image.merge("RGB", [grain] * 3), 0.08)
    if spec["blur"] > 0.3:
        img = img.filter(ImageFilter.GaussianBlur(spec["blur"]))
    return img


def _other(spec: dict) -> Image.Image:
    rnd = random.Random(spec["seed"])
    kind = spec["kind"]
    c1, c2, fg = tuple(spec["bg1"]), tuple(spec["bg2"]), tuple(spec["fg"])
    img = Image.new("RGB", (W, W), c1)
    d = ImageDraw.Draw(img)
    if kind == "logo":
        # A company mark: a shape, a band or two, letters as blocks, placed anywhere.
        if rnd.random() < 0.5:
            for y in range(0, W, rnd.randint(20, 80)):
                d.rectangle([0, y, W, y + rnd.randint(4, 30)], fill=_mix(c1, c2, rnd.random() * 0.4))
        cx0, cy0 = rnd.uniform(120, 280), rnd.uniform(120, 280)
        r = rnd.randint(70, 170)
        shape = rnd.choice(["circle", "square", "diamond", "rounded", "ring"])
        if shape == "circle":
            d.ellipse([cx0 - r, cy0 - r, cx0 + r, cy0 + r], fill=c2)
        elif shape == "square":
            d.rectangle([cx0 - r, cy0 - r, cx0 + r, cy0 + r], fill=c2)
        elif shape == "diamond":
            d.polygon([(cx0, cy0 - r), (cx0 + r, cy0), (cx0, cy0 + r), (cx0 - r, cy0)], fill=c2)
        elif shape == "rounded":
            d.rounded_rectangle([cx0 - r, cy0 - r * 0.6, cx0 + r, cy0 + r * 0.6], radius=int(r * 0.3), fill=c2)
        else:
            d.ellipse([cx0 - r, cy0 - r, cx0 + r, cy0 + r], outline=c2, width=rnd.randint(12, 30))
        n = len(spec["letters"])
        size = r * rnd.uniform(0.5, 0.8) / max(1, n) * 1.6
        for i, ch in enumerate(spec["letters"]):
            x0 = cx0 - n * size / 2 + i * size + size * 0.1
            h = ord(ch) % 5
            d.rectangle([x0, cy0 - size * 0.6, x0 + size * 0.2, cy0 + size * 0.6], fill=fg)
            d.rectangle([x0, cy0 - size * 0.6 + h * size * 0.2, x0 + size * 0.8, cy0 - size * 0.4 + h * size * 0.2], fill=fg)
            d.rectangle([x0 + size * 0.6, cy0 - size * 0.6, x0 + size * 0.8, cy0 + size * 0.6 - h * size * 0.1], fill=fg)
    elif kind == "landscape":
        horizon = rnd.randint(90, 330)
        if rnd.random() < 0.5:
            sx, sy, sr = rnd.uniform(40, 360), rnd.uniform(20, horizon - 20), rnd.uniform(15, 45)
            d.ellipse([sx - sr, sy - sr, sx + sr, sy + sr], fill=(250, 235, 190))
        for y in range(0, horizon, 4):
            d.rectangle([0, y, W, y + 4], fill=_mix((110, 160, 230), (250, 200, 160), y / horizon * rnd.uniform(0.3, 1)))
        pts = [(0, horizon)]
        step = rnd.choice([20, 40, 80])
        for x in range(0, W + step, step):
            pts.append((x, horizon - rnd.randint(0, 160)))
        pts += [(W, W), (0, W)]
        d.polygon(pts, fill=_shade(c2, 0.6))
        d.rectangle([0, horizon + rnd.randint(10, 60), W, W], fill=_shade(c1, rnd.uniform(0.3, 0.8)))
        img = img.filter(ImageFilter.GaussianBlur(2))
    elif kind in ("group", "distant"):
        img = _background({"bg": "outdoor" if kind == "distant" else "bokeh", "bg1": c1, "bg2": c2}, rnd)
        d = ImageDraw.Draw(img)
        heads = 1 if kind == "distant" else rnd.randint(3, 5)
        for i in range(heads):
            x = (i + 1) * W / (heads + 1) + rnd.uniform(-15, 15)
            y = rnd.uniform(170, 230) if kind == "group" else rnd.uniform(150, 260)
            r = rnd.uniform(22, 34) if kind == "group" else rnd.uniform(10, 18)
            d.rounded_rectangle([x - r * 1.8, y + r * 1.1, x + r * 1.8, W], radius=int(r), fill=rnd.choice(CLOTHES))
            d.ellipse([x - r, y - r * 1.25, x + r, y + r * 1.25], fill=rnd.choice(SKIN))
            d.chord([x - r * 1.05, y - r * 1.35, x + r * 1.05, y], 180, 360, fill=rnd.choice(HAIR))
    elif kind == "cartoon":
        d.rectangle([0, 0, W, W], fill=c2)
        d.ellipse([90, 60, 310, 300], fill=fg)
        d.ellipse([150, 150, 175, 175], fill=(20, 20, 20))
        d.ellipse([225, 150, 250, 175], fill=(20, 20, 20))
        d.arc([150, 170, 250, 250], 20, 160, fill=(20, 20, 20), width=8)
        d.rectangle([60, 320, 340, W], fill=c1)
    return img.resize((SIZE, SIZE), Image.LANCZOS)


def draw(spec: dict) -> Image.Image:
    """The picture a spec describes, before any JPEG encoding."""
    if spec["kind"] == "portrait":
        return _portrait(spec)
    return _other(spec)


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


# The disguises a persona applies to a photo lifted from elsewhere, as reported by the people
# who unmasked such profiles: cropped, mirrored, recompressed, slightly rotated, turned into a
# circular avatar, framed, recoloured, or pasted into a screenshot.
DISGUISES = ["crop", "mirror", "recompress", "rotate", "circle", "frame", "colour", "screenshot", "rescale"]


def sample_disguise(rng: random.Random, strength: str) -> list:
    """A list of (operation, parameter) steps. "none": the file as it was taken (resaved);
    "mild": one step; "heavy": two or three."""
    if strength == "none":
        return [("recompress", rng.randint(80, 90))]
    n = 1 if strength == "mild" else rng.choice([2, 2, 3])
    ops = rng.sample(DISGUISES, n)
    steps = []
    for op in ops:
        if op == "crop":
            steps.append((op, [rng.uniform(0.82, 0.94), rng.uniform(0, 1), rng.uniform(0, 1)]))
        elif op == "mirror":
            steps.append((op, None))
        elif op == "recompress":
            steps.append((op, rng.randint(30, 60)))
        elif op == "rotate":
            steps.append((op, rng.choice([-1, 1]) * rng.uniform(2, 7)))
        elif op == "circle":
            steps.append((op, rng.choice([(255, 255, 255), (243, 242, 239), (0, 0, 0)])))
        elif op == "frame":
            steps.append((op, [rng.randint(6, 18), _colour(rng)]))
        elif op == "colour":
            steps.append((op, [rng.uniform(0.8, 1.2), rng.uniform(0.75, 1.25)]))
        elif op == "screenshot":
            steps.append((op, [rng.uniform(0.45, 0.7), rng.uniform(0, 1), rng.uniform(0, 1)]))
        elif op == "rescale":
            steps.append((op, rng.choice([64, 80, 96, 120])))
    return steps


def apply_disguise(img: Image.Image, steps: list) -> Image.Image:
    for op, p in steps:
        w, h = img.size
        if op == "crop":
            f, fx, fy = p
            cw, ch = int(w * f), int(h * f)
            x, y = int((w - cw) * fx), int((h - ch) * fy)
            img = img.crop((x, y, x + cw, y + ch)).resize((SIZE, SIZE), Image.LANCZOS)
        elif op == "mirror":
            img = ImageOps.mirror(img)
        elif op == "recompress":
            img = jpeg_roundtrip(img, p)
        elif op == "rotate":
            img = img.rotate(p, resample=Image.BICUBIC, expand=False, fillcolor=img.getpixel((2, 2)))
            m = int(SIZE * 0.06)
            img = img.crop((m, m, w - m, h - m)).resize((SIZE, SIZE), Image.LANCZOS)
        elif op == "circle":
            mask = Image.new("L", (w * 2, h * 2), 0)
            ImageDraw.Draw(mask).ellipse([0, 0, w * 2 - 1, h * 2 - 1], fill=255)
            mask = mask.resize((w, h), Image.LANCZOS)
            bg = Image.new("RGB", (w, h), tuple(p))
            img = Image.composite(img, bg, mask)
        elif op == "frame":
            b, colour = p
            framed = Image.new("RGB", (w + 2 * b, h + 2 * b), tuple(colour))
            framed.paste(img, (b, b))
            img = framed.resize((SIZE, SIZE), Image.LANCZOS)
        elif op == "colour":
            bright, sat = p
            img = img.point(lambda v: max(0, min(255, int(v * bright))))
            grey = ImageOps.grayscale(img).convert("RGB")
            img = Image.blend(grey, img, sat) if sat <= 1 else Image.blend(grey, img, min(sat, 1.25))
        elif op == "screenshot":
            # The photo pasted, smaller, into a page with bars and lines of "text".
            scale, fx, fy = p
            page = Image.new("RGB", (SIZE, SIZE), (243, 242, 239))
            d = ImageDraw.Draw(page)
            d.rectangle([0, 0, SIZE, 18], fill=(255, 255, 255))
            pw = int(SIZE * scale)
            x = int((SIZE - pw - 8) * fx) + 4
            y = 22 + int((SIZE - pw - 30) * fy)
            page.paste(img.resize((pw, pw), Image.LANCZOS), (x, y))
            for ly in range(30, SIZE - 10, 14):
                lx = x + pw + 8 if x + pw + 8 < SIZE - 30 else 6
                if lx == 6 and y <= ly <= y + pw:
                    continue
                d.rectangle([lx, ly, min(SIZE - 6, lx + 40 + (ly * 7) % 60), ly + 5], fill=(120, 120, 120))
            img = page
        elif op == "rescale":
            img = img.resize((p, p), Image.BILINEAR).resize((SIZE, SIZE), Image.BICUBIC)
    return img


def render(job: dict) -> bytes:
    """JPEG bytes of one photo job: {"spec": ..., "steps": [...] or None, "pre_quality": int or None}.
    `pre_quality` first passes the picture through the JPEG it was taken from (a copy of a file
    that was already published)."""
    img = draw(job["spec"])
    if job.get("pre_quality"):
        img = jpeg_roundtrip(img, job["pre_quality"])
    if job.get("steps"):
        img = apply_disguise(img, job["steps"])
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=job.get("quality") or job["spec"].get("quality", 85))
    return buf.getvalue()
