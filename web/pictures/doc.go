// Package pictures turns an uploaded image (a company's logo, a product's pictures) into the
// renditions the pages show: the type read from the bytes, the size checked, resized on the
// server, each rendition stored in PostgreSQL under the hash of its bytes and served from its
// own address with a year-long, immutable cache.
package pictures
