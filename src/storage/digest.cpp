#include "storage/digest.h"

#include <QtGlobal>

#include <openssl/evp.h>

namespace folio {

Digest::Digest(Algorithm algorithm)
    : m_context(EVP_MD_CTX_new())
{
    const EVP_MD* md = algorithm == Algorithm::Sha1 ? EVP_sha1() : EVP_sha256();
    // Fails only when memory is exhausted.
    if (!m_context || EVP_DigestInit_ex(m_context, md, nullptr) != 1)
        qFatal("OpenSSL cannot compute a digest");
}

Digest::~Digest()
{
    EVP_MD_CTX_free(m_context);
}

void Digest::addData(QByteArrayView bytes)
{
    EVP_DigestUpdate(m_context, bytes.data(), size_t(bytes.size()));
}

QByteArray Digest::result()
{
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    EVP_DigestFinal_ex(m_context, reinterpret_cast<unsigned char*>(digest.data()), &size);
    digest.truncate(int(size));
    return digest;
}

QByteArray Digest::hash(QByteArrayView bytes, Algorithm algorithm)
{
    Digest digest(algorithm);
    digest.addData(bytes);
    return digest.result();
}

} // namespace folio
