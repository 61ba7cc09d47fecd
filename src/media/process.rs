//! Turning untrusted bytes into safe, right-sized JPEGs.

use std::io::Cursor;

use image::{imageops::FilterType, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

use super::{Purpose, MAX_UPLOAD_BYTES};
use crate::error::AppError;

/// Pixels per side above which an upload is refused (decompression bombs).
pub const MAX_SIDE: u32 = 12_000;
/// Pixels in all above which an upload is refused: decoding costs about 4 bytes a pixel, so this
/// bounds each decode near 200 MB (phone cameras take 12–50 megapixels).
pub const MAX_PIXELS: u64 = 50_000_000;
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
const JPEG_QUALITY: u8 = 82;

pub struct Encoded {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

pub struct Processed {
    pub display: Encoded,
    pub thumb: Encoded,
}

/// The format, judged from the first bytes (never from a file name or a claimed type).
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

fn bad(message: &str) -> AppError {
    AppError::invalid("image", message)
}

/// The checks that need no decoding: size, type by content, and the pixel count read from the
/// image's header. Cheap enough for the request path.
pub fn check(bytes: &[u8]) -> Result<(), AppError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(bad("Images can be at most 5 MB."));
    }
    let format = sniff(bytes).ok_or_else(|| bad("Upload a JPEG, PNG or WebP image."))?;
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| bad("That image could not be read. Try another file."))?;
    within_budget(w, h)
}

fn within_budget(w: u32, h: u32) -> Result<(), AppError> {
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(bad("That image is too large. Use one under 12,000 pixels a side."));
    }
    let pixels = w as u64 * h as u64;
    if pixels > MAX_PIXELS {
        return Err(bad(&format!(
            "That image has {} megapixels; Kindred takes up to {}. Save a smaller copy and try again.",
            pixels.div_ceil(1_000_000),
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// Validates, decodes, applies the EXIF orientation, and produces the display image and the
/// thumbnail for `purpose`. CPU-heavy: call it from `spawn_blocking`.
pub fn process(bytes: &[u8], purpose: Purpose) -> Result<Processed, AppError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(bad("Images can be at most 5 MB."));
    }
    let format = sniff(bytes).ok_or_else(|| bad("Upload a JPEG, PNG or WebP image."))?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let unreadable = || bad("That image could not be read. Try another file.");
    let mut decoder = reader.into_decoder().map_err(|_| unreadable())?;
    let (w, h) = decoder.dimensions();
    within_budget(w, h)?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => bad("That image is too large. Use one under 12,000 pixels a side."),
        _ => unreadable(),
    })?;
    img.apply_orientation(orientation);
    if img.width() < 8 || img.height() < 8 {
        return Err(bad("That image is too small."));
    }
    let rgb = flatten(img);
    let (display, thumb) = match purpose {
        Purpose::Post | Purpose::Event | Purpose::Place | Purpose::Message => (fit(&rgb, 1600), fit(&rgb, 480)),
        Purpose::Avatar | Purpose::Community => {
            let square = square_crop(&rgb);
            (fit(&square, 512), fit(&square, 128))
        }
    };
    Ok(Processed { display: encode(&display)?, thumb: encode(&thumb)? })
}

/// Drops any alpha channel by compositing over white.
fn flatten(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = p[3] as u32;
        let blend = |c: u8| ((c as u32 * a + 255 * (255 - a)) / 255) as u8;
        out.put_pixel(x, y, image::Rgb([blend(p[0]), blend(p[1]), blend(p[2])]));
    }
    out
}

/// Scales down (never up) so the longer side is at most `max`.
fn fit(img: &RgbImage, max: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    if w <= max && h <= max {
        return img.clone();
    }
    let scale = max as f64 / w.max(h) as f64;
    let (nw, nh) = (((w as f64 * scale).round() as u32).max(1), ((h as f64 * scale).round() as u32).max(1));
    image::imageops::resize(img, nw, nh, FilterType::CatmullRom)
}

fn square_crop(img: &RgbImage) -> RgbImage {
    let (w, h) = img.dimensions();
    let side = w.min(h);
    image::imageops::crop_imm(img, (w - side) / 2, (h - side) / 2, side, side).to_image()
}

fn encode(img: &RgbImage) -> Result<Encoded, AppError> {
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
    img.write_with_encoder(encoder).map_err(|_| AppError::Internal)?;
    Ok(Encoded { bytes, width: img.width(), height: img.height() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, alpha: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let img = if alpha {
            DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(w, h, image::Rgba([10, 200, 30, 0])))
        } else {
            DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])))
        };
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    /// A JPEG with an EXIF block (orientation 6 = rotate 90° clockwise, and a GPS-like tag text).
    fn jpeg_with_exif(w: u32, h: u32) -> Vec<u8> {
        let mut plain = Vec::new();
        let img = RgbImage::from_pixel(w, h, image::Rgb([120, 60, 200]));
        img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new(&mut plain)).unwrap();
        // TIFF header (little endian), one IFD entry: Orientation (0x0112), SHORT, 1, value 6;
        // then a marker string standing in for location data.
        let mut tiff = vec![b'I', b'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00];
        tiff.extend_from_slice(&[0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00]);
        tiff.extend_from_slice(&[0, 0, 0, 0]);
        tiff.extend_from_slice(b"GPS 51.5007N 0.1246W SECRET-PLACE");
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let len = (app1.len() + 2) as u16;
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn formats_are_judged_by_content() {
        assert_eq!(sniff(&png(10, 10, false)), Some(ImageFormat::Png));
        assert_eq!(sniff(b"GIF89a......"), None);
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'>"), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageFormat::WebP));
        let err = process(b"<?php echo 'hi'; ?>", Purpose::Post).err().unwrap();
        assert_eq!(err.for_field("image").as_deref(), Some("Upload a JPEG, PNG or WebP image."));
        // A PNG signature followed by garbage is refused, not trusted.
        let mut fake = png(10, 10, false)[..8].to_vec();
        fake.extend_from_slice(&[0u8; 64]);
        assert!(process(&fake, Purpose::Post).err().unwrap().for_field("image").is_some());
    }

    #[test]
    fn large_images_are_resized_and_small_ones_kept() {
        let out = process(&png(3000, 1500, false), Purpose::Post).unwrap();
        assert_eq!((out.display.width, out.display.height), (1600, 800));
        assert_eq!((out.thumb.width, out.thumb.height), (480, 240));
        assert!(out.display.bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
        let small = process(&png(300, 200, false), Purpose::Post).unwrap();
        assert_eq!((small.display.width, small.display.height), (300, 200));
    }

    #[test]
    fn avatars_are_square() {
        let out = process(&png(900, 600, true), Purpose::Avatar).unwrap();
        assert_eq!((out.display.width, out.display.height), (512, 512));
        assert_eq!((out.thumb.width, out.thumb.height), (128, 128));
    }

    #[test]
    fn exif_orientation_is_applied_and_metadata_dropped() {
        let upload = jpeg_with_exif(40, 20);
        assert!(upload.windows(12).any(|w| w == b"SECRET-PLACE"));
        let out = process(&upload, Purpose::Post).unwrap();
        // Rotated a quarter turn: 40×20 becomes 20×40.
        assert_eq!((out.display.width, out.display.height), (20, 40));
        for bytes in [&out.display.bytes, &out.thumb.bytes] {
            assert!(!bytes.windows(4).any(|w| w == b"Exif"));
            assert!(!bytes.windows(12).any(|w| w == b"SECRET-PLACE"));
        }
    }

    #[test]
    fn oversized_and_tiny_uploads_are_refused() {
        let huge = vec![0xFFu8; MAX_UPLOAD_BYTES + 1];
        assert_eq!(
            process(&huge, Purpose::Post).err().unwrap().for_field("image").as_deref(),
            Some("Images can be at most 5 MB.")
        );
        assert!(process(&png(4, 4, false), Purpose::Post).is_err());
    }
}
